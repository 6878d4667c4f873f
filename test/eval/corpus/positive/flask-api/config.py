import os


class Config:
    SECRET_KEY = "e034387c65a4de146a3ebe0fadd6dfb37a639640c4c45b486e61e2eb6e432c03"
    SQLALCHEMY_DATABASE_URI = "postgresql+psycopg2://api:VjfC9guA8OTGFeXgIWQ7@10.0.0.5/api"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    CELERY_BROKER_URL = "redis://:SUKKIWIBwF4op7qGpA4@redis.acme.internal:6379/1"


class DevConfig(Config):
    DEBUG = True
