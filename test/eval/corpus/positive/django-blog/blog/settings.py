from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = 'django-insecure-$t^i-oy7tv!z&=ax1a4u^2(8^et6v6j^&i6!=v_+l^*&&@7wd4'

DEBUG = False
ALLOWED_HOSTS = ['blog.acme.io']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'blog',
        'USER': 'blog',
        'PASSWORD': '7P@j6I1ty#KdxWFAlqVHM',
        'HOST': 'db.acme.internal',
        'PORT': '5432',
    }
}

EMAIL_HOST = 'smtp.gmail.com'
EMAIL_HOST_USER = 'noreply@acme.io'
EMAIL_HOST_PASSWORD = 'lpmpvxifklpcvwji'
AWS_ACCESS_KEY_ID = 'AKIAUANZFVKOR45AMX33'
AWS_SECRET_ACCESS_KEY = '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'
