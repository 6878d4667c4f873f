from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = 'django-insecure-t_rr$fqrkd39*q=)f0u8j#d9169ui_a_9fobzbb*$#g5jzuj96'

DEBUG = False
ALLOWED_HOSTS = ['blog.acme.io']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'blog',
        'USER': 'blog',
        'PASSWORD': 'Btv3zrdQvo^cvTZOS+4tL',
        'HOST': 'db.acme.internal',
        'PORT': '5432',
    }
}

EMAIL_HOST = 'smtp.gmail.com'
EMAIL_HOST_USER = 'noreply@acme.io'
EMAIL_HOST_PASSWORD = 'qndajvoeoeofeauw'
AWS_ACCESS_KEY_ID = 'AKIAG5IHVZ5GNWNBYFIB'
AWS_SECRET_ACCESS_KEY = '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'
