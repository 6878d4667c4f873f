import os


class Config:
    SECRET_KEY = "e9fdc3dc151ad18efbe6ac393e177f04a310a3c1869c488964a03de31fc7d6a4"
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://api:EJjyOeQJxyI7DuDYKA4@10.0.0.5/api"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    CELERY_BROKER_URL = "redis://:JLRkWjm5vngQCMvyNf17sM5@redis.acme.internal:6379/1"


class DevConfig(Config):
    DEBUG = True
