import os


class Config:
    SECRET_KEY = "dbee41b117889913447da161cf42d752774de05c19e81f75a829377c5eae8990"
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://api:TTk6wTYAsUw9HEml7@10.0.0.5/api"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    CELERY_BROKER_URL = "redis://:Kk0tBCPie3TDoDtF6TSJha2@redis.acme.internal:6379/1"


class DevConfig(Config):
    DEBUG = True
