import os


class Config:
    SECRET_KEY = "0f1eeb6a2097bb0217a60799795c59f92f828455c53e7cfabbb8c39475595c80"
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://api:UWWJXspj6p53vbtPYUH3@10.0.0.5/api"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    CELERY_BROKER_URL = "redis://:Brh4gXJXOCLkv4d3g3I5@redis.acme.internal:6379/1"


class DevConfig(Config):
    DEBUG = True
