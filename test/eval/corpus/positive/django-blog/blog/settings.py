from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = 'django-insecure-=vh+v9+5!!@ta&4_^#n@d!)bneh2tygq%#(cu2t%5o#+p8b#4+'

DEBUG = False
ALLOWED_HOSTS = ['blog.acme.io']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'blog',
        'USER': 'blog',
        'PASSWORD': 'kP1t6vMj37jDk!AbfHf!K_',
        'HOST': 'db.acme.internal',
        'PORT': '5432',
    }
}

EMAIL_HOST = 'smtp.gmail.com'
EMAIL_HOST_USER = 'noreply@acme.io'
EMAIL_HOST_PASSWORD = 'feseyzqtyrzjojlv'
AWS_ACCESS_KEY_ID = 'AKIA4D74FRLSYVVALF4B'
AWS_SECRET_ACCESS_KEY = '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'
