from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = 'django-insecure-61nqp^h*!#j)nj6#=i1+%2w48zpu9c9hmd4!qp5sr1w+=)pb+*'

DEBUG = False
ALLOWED_HOSTS = ['blog.acme.io']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'blog',
        'USER': 'blog',
        'PASSWORD': 'geyBe7YPIS=XXel@',
        'HOST': 'db.acme.internal',
        'PORT': '5432',
    }
}

EMAIL_HOST = 'smtp.gmail.com'
EMAIL_HOST_USER = 'noreply@acme.io'
EMAIL_HOST_PASSWORD = 'oxxwmgsrjbhvmhql'
AWS_ACCESS_KEY_ID = 'AKIANQ2LSKGSYE4JOEBD'
AWS_SECRET_ACCESS_KEY = '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'
