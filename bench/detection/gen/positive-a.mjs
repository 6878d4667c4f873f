// Positive corpus, part A: configuration files, dotfiles, infrastructure and CI.
// Each entry is [path, build]; build(S) returns the file text, and S(kind, value) marks a labelled secret.
import * as g from './helpers.mjs';

export const positiveA = [
  ['webapp/.env', (S) => `# local overrides for the web app
NODE_ENV=production
PORT=8080
DATABASE_URL=${S('postgres-url-password', `postgres://webapp:${g.urlPassword()}@db.internal.acme.io:5432/webapp`)}
REDIS_URL=redis://cache.internal.acme.io:6379/0
STRIPE_SECRET_KEY=${S('stripe-secret-key', g.stripe.secret())}
STRIPE_PUBLISHABLE_KEY=${g.stripe.publishable()}
SENDGRID_API_KEY=${S('sendgrid-api-key', g.sendgrid())}
SESSION_SECRET=${S('generic-session-secret', g.alnum(48))}
LOG_LEVEL=info
`],
  ['ml-service/.env', (S) => `OPENAI_API_KEY=${S('openai-project-key', g.openai())}
ANTHROPIC_API_KEY=${S('anthropic-api-key', g.anthropic())}
HF_TOKEN=${S('huggingface-token', g.hf())}
MODEL_NAME=gpt-4o-mini
MAX_TOKENS=2048
`],
  ['billing/.env.production', (S) => `APP_URL=https://billing.acme.io
AWS_REGION=eu-west-1
AWS_ACCESS_KEY_ID=${S('aws-access-key-id', g.aws.keyId())}
AWS_SECRET_ACCESS_KEY=${S('aws-secret-access-key', g.aws.secret())}
S3_BUCKET=acme-billing-invoices
TWILIO_ACCOUNT_SID=${g.twilio.sid()}
TWILIO_AUTH_TOKEN=${S('twilio-auth-token', g.twilio.token())}
`],
  ['laravel-shop/.env', (S) => `APP_NAME=Shop
APP_ENV=production
APP_KEY=base64:${S('laravel-app-key', g.base64Of(32))}
APP_DEBUG=false

DB_CONNECTION=mysql
DB_HOST=10.0.3.17
DB_PORT=3306
DB_DATABASE=shop
DB_USERNAME=shop_rw
DB_PASSWORD=${S('database-password', g.password())}

MAIL_MAILER=smtp
MAIL_HOST=smtp.mailgun.org
MAIL_PORT=587
MAIL_USERNAME=postmaster@mg.acme-shop.com
MAIL_PASSWORD=${S('smtp-password', g.hex(32) + '-' + g.hex(8) + '-' + g.hex(8))}
MAILGUN_SECRET=${S('mailgun-api-key', g.mailgun())}
`],
  ['bot/.env', (S) => `TELEGRAM_BOT_TOKEN=${S('telegram-bot-token', g.telegram())}
DISCORD_TOKEN=${S('discord-bot-token', g.discordBot())}
OWNER_ID=${g.digits(18)}
`],
  ['infra/.envrc', (S) => `export AWS_PROFILE=staging
export VAULT_ADDR=https://vault.acme.io:8200
export VAULT_TOKEN=${S('vault-token', g.vault())}
export TF_VAR_do_token=${S('digitalocean-token', g.digitalocean())}
export GITHUB_TOKEN=${S('github-pat', g.gh.pat())}
`],
  ['compose/docker-compose.yml', (S) => `version: "3.9"
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${S('database-password', g.password())}
      POSTGRES_DB: app
    ports:
      - "5432:5432"
  api:
    build: .
    depends_on: [db]
    environment:
      - DATABASE_URL=${S('postgres-url-password', `postgresql://app:${g.urlPassword()}@db:5432/app`)}
      - JWT_SECRET=${S('jwt-signing-secret', g.alnum(64))}
      - SENTRY_DSN=https://${g.hex(32)}@o${g.digits(6)}.ingest.sentry.io/${g.digits(7)}
`],
  ['compose/docker-compose.prod.yaml', (S) => `services:
  mongo:
    image: mongo:7
    environment:
      MONGO_INITDB_ROOT_USERNAME: root
      MONGO_INITDB_ROOT_PASSWORD: "${S('database-password', g.password())}"
  rabbit:
    image: rabbitmq:3-management
    environment:
      RABBITMQ_DEFAULT_USER: acme
      RABBITMQ_DEFAULT_PASS: ${S('rabbitmq-password', g.password())}
  worker:
    image: ghcr.io/acme/worker:1.4.2
    environment:
      AMQP_URL: ${S('amqp-url-password', `amqp://acme:${g.urlPassword()}@rabbit:5672/`)}
      MONGO_URL: ${S('mongodb-url-password', `mongodb://root:${g.urlPassword()}@mongo:27017/admin`)}
`],
  ['compose/docker-compose.override.yml', (S) => `services:
  minio:
    image: minio/minio
    command: server /data
    environment:
      MINIO_ROOT_USER: minioadmin-prod
      MINIO_ROOT_PASSWORD: ${S('minio-password', g.password(24))}
  grafana:
    image: grafana/grafana
    environment:
      - GF_SECURITY_ADMIN_PASSWORD=${S('grafana-admin-password', g.password())}
      - GF_AUTH_GITHUB_CLIENT_SECRET=${S('github-oauth-client-secret', g.hex(40))}
`],
  ['k8s/db-secret.yaml', (S) => `apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
  namespace: payments
type: Opaque
data:
  username: ${g.b64('payments')}
  password: ${S('k8s-secret-base64-password', g.b64(g.password()))}
  url: ${S('k8s-secret-base64-postgres-url', g.b64(`postgres://payments:${g.urlPassword()}@pg-primary.payments.svc:5432/payments`))}
`],
  ['k8s/aws-secret.yaml', (S) => `---
apiVersion: v1
kind: Secret
metadata:
  name: aws-creds
type: Opaque
data:
  AWS_ACCESS_KEY_ID: ${S('k8s-secret-base64-aws-key-id', g.b64(g.aws.keyId()))}
  AWS_SECRET_ACCESS_KEY: ${S('k8s-secret-base64-aws-secret', g.b64(g.aws.secret()))}
`],
  ['k8s/tls-secret.yaml', (S) => {
    const key = g.rsaPem();
    return `apiVersion: v1
kind: Secret
metadata:
  name: ingress-tls
type: kubernetes.io/tls
data:
  tls.crt: ${g.b64('-----BEGIN CERTIFICATE-----\n' + g.base64Of(600) + '\n-----END CERTIFICATE-----\n')}
  tls.key: ${S('k8s-secret-base64-private-key', g.b64(key + '\n'))}
`;
  }],
  ['k8s/stringdata-secret.yaml', (S) => `apiVersion: v1
kind: Secret
metadata:
  name: app-tokens
stringData:
  SLACK_BOT_TOKEN: ${S('slack-bot-token', g.slack.bot())}
  GITLAB_TOKEN: ${S('gitlab-pat', g.glpat())}
  api-password: "${S('generic-password', g.password())}"
`],
  ['k8s/configmap.yaml', (S) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "new-checkout,fast-search"
  DATABASE_URL: "${S('mysql-url-password', `mysql://api:${g.urlPassword()}@mysql.default.svc.cluster.local:3306/api`)}"
  DD_API_KEY: "${S('datadog-api-key', g.datadog.api())}"
`],
  ['k8s/deployment.yaml', (S) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: search
          image: acme/search:2.1.0
          env:
            - name: ELASTIC_PASSWORD
              value: "${S('elasticsearch-password', g.password())}"
            - name: ALGOLIA_ADMIN_KEY
              value: "${S('algolia-admin-key', g.hex(32))}"
`],
  ['k8s/dockerconfig-secret.yaml', (S) => {
    const auth = g.b64(`deploybot:${g.gh.pat()}`);
    const cfg = JSON.stringify({ auths: { 'ghcr.io': { auth } } });
    return `apiVersion: v1
kind: Secret
metadata:
  name: regcred
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${S('k8s-secret-base64-dockerconfig', g.b64(cfg))}
`;
  }],
  ['helm/values-prod.yaml', (S) => `replicaCount: 3
image:
  repository: acme/portal
  tag: "3.2.1"
postgresql:
  auth:
    username: portal
    password: ${S('database-password', g.password())}
    postgresPassword: ${S('database-password', g.password())}
redis:
  auth:
    password: "${S('redis-password', g.password())}"
smtp:
  host: email-smtp.eu-west-1.amazonaws.com
  user: ${S('aws-access-key-id', g.aws.keyId())}
  password: ${S('aws-ses-smtp-password', 'B' + g.b64chars(43))}
`],
  ['terraform/main.tf', (S) => `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "${S('aws-access-key-id', g.aws.keyId())}"
  secret_key = "${S('aws-secret-access-key', g.aws.secret())}"
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  username          = "dbadmin"
  password          = "${S('database-password', g.password())}"
  allocated_storage = 20
}
`],
  ['terraform/prod.tfvars', (S) => `environment        = "prod"
cloudflare_api_token = "${S('cloudflare-api-token', g.cloudflareToken())}"
datadog_api_key    = "${S('datadog-api-key', g.datadog.api())}"
datadog_app_key    = "${S('datadog-app-key', g.datadog.app())}"
github_token       = "${S('github-pat', g.gh.pat())}"
`],
  ['terraform/azure.tf', (S) => `provider "azurerm" {
  features {}
  subscription_id = "${g.uuid()}"
  tenant_id       = "${g.uuid()}"
  client_id       = "${g.uuid()}"
  client_secret   = "${S('azure-ad-client-secret', g.azure.clientSecret())}"
}

locals {
  storage_connection = "${S('azure-storage-connection-string', `DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=${g.azure.storageKey()};EndpointSuffix=core.windows.net`)}"
}
`],
  ['terraform/google.tf', (S) => `provider "google" {
  project     = "acme-prod-3121"
  region      = "europe-west1"
}

resource "google_cloudfunctions_function" "fn" {
  name    = "thumbnail"
  runtime = "nodejs20"
  environment_variables = {
    MAPS_API_KEY = "${S('gcp-api-key', g.gcpKey())}"
    OAUTH_CLIENT_SECRET = "${S('gcp-oauth-client-secret', g.gcpClientSecret())}"
  }
}
`],
  ['terraform/terraform.tfvars.json', (S) => `{
  "region": "fra1",
  "do_token": "${S('digitalocean-token', g.digitalocean())}",
  "spaces_access_id": "${g.pick(g.UPPER + g.DIGITS, 20)}",
  "spaces_secret_key": "${S('digitalocean-spaces-secret', g.b64chars(43))}"
}
`],
  ['terraform/.terraformrc', (S) => `credentials "app.terraform.io" {
  token = "${S('terraform-cloud-token', g.tfc())}"
}
`],
  ['spring-orders/src/main/resources/application.properties', (S) => `server.port=8081
spring.application.name=orders
spring.datasource.url=jdbc:postgresql://pg.acme.internal:5432/orders
spring.datasource.username=orders
spring.datasource.password=${S('database-password', g.password())}
spring.jpa.hibernate.ddl-auto=validate
spring.mail.host=smtp.sendgrid.net
spring.mail.username=apikey
spring.mail.password=${S('sendgrid-api-key', g.sendgrid())}
`],
  ['spring-gateway/src/main/resources/application.yml', (S) => `server:
  port: 8443
spring:
  datasource:
    url: jdbc:mysql://mysql.acme.internal:3306/gateway?useSSL=true
    username: gateway
    password: ${S('database-password', g.password())}
  security:
    oauth2:
      client:
        registration:
          github:
            client-id: ${g.hex(20)}
            client-secret: ${S('github-oauth-client-secret', g.hex(40))}
jwt:
  secret: ${S('jwt-signing-secret', g.base64Of(48))}
`],
  ['spring-gateway/src/main/resources/application-prod.yaml', (S) => `spring:
  data:
    mongodb:
      uri: ${S('mongodb-srv-url-password', `mongodb+srv://gateway:${g.urlPassword()}@cluster0.${g.lower(5)}.mongodb.net/gateway?retryWrites=true&w=majority`)}
  rabbitmq:
    host: rabbit.acme.internal
    username: gateway
    password: ${S('rabbitmq-password', g.password())}
`],
  ['django-blog/blog/settings.py', (S) => `from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = '${S('django-secret-key', 'django-insecure-' + g.pick(g.LOWER + g.DIGITS + '!@#$%^&*(-_=+)', 50))}'

DEBUG = False
ALLOWED_HOSTS = ['blog.acme.io']

DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'blog',
        'USER': 'blog',
        'PASSWORD': '${S('database-password', g.password())}',
        'HOST': 'db.acme.internal',
        'PORT': '5432',
    }
}

EMAIL_HOST = 'smtp.gmail.com'
EMAIL_HOST_USER = 'noreply@acme.io'
EMAIL_HOST_PASSWORD = '${S('gmail-app-password', g.pick(g.LOWER, 16))}'
AWS_ACCESS_KEY_ID = '${S('aws-access-key-id', g.aws.keyId())}'
AWS_SECRET_ACCESS_KEY = '${S('aws-secret-access-key', g.aws.secret())}'
`],
  ['flask-api/config.py', (S) => `import os


class Config:
    SECRET_KEY = "${S('flask-secret-key', g.hex(64))}"
    SQLALCHEMY_DATABASE_URI = "${S('postgres-url-password', `postgresql+psycopg2://api:${g.urlPassword()}@10.0.0.5/api`)}"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    CELERY_BROKER_URL = "${S('redis-url-password', `redis://:${g.urlPassword()}@redis.acme.internal:6379/1`)}"


class DevConfig(Config):
    DEBUG = True
`],
  ['node-api/config/default.js', (S) => `module.exports = {
  port: 3000,
  db: {
    host: 'aurora.cluster-abc123.eu-central-1.rds.amazonaws.com',
    user: 'api',
    password: '${S('database-password', g.password())}',
    database: 'api',
  },
  github: {
    token: '${S('github-pat', g.gh.pat())}',
  },
  slack: {
    webhookUrl: '${S('slack-webhook', g.slack.webhook())}',
  },
};
`],
  ['node-api/src/config.ts', (S) => `export const config = {
  stripe: {
    secretKey: "${S('stripe-restricted-key', g.stripe.restricted())}",
    webhookSecret: "${S('stripe-webhook-secret', g.stripe.webhook())}",
  },
  openai: { apiKey: "${S('openai-legacy-key', g.openaiLegacy())}" },
  sentry: { dsn: process.env.SENTRY_DSN ?? "" },
} as const;
`],
  ['dotnet-api/appsettings.json', (S) => `{
  "Logging": {
    "LogLevel": {
      "Default": "Information",
      "Microsoft.AspNetCore": "Warning"
    }
  },
  "ConnectionStrings": {
    "DefaultConnection": "${S('mssql-connection-string-password', `Server=tcp:acme-sql.database.windows.net,1433;Initial Catalog=orders;Persist Security Info=False;User ID=ordersadmin;Password=${g.password()};MultipleActiveResultSets=False;Encrypt=True;`)}",
    "Storage": "${S('azure-storage-connection-string', `DefaultEndpointsProtocol=https;AccountName=acmeorders;AccountKey=${g.azure.storageKey()};EndpointSuffix=core.windows.net`)}",
    "ServiceBus": "${S('azure-servicebus-connection-string', `Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${g.azure.sbKey()}`)}"
  },
  "AllowedHosts": "*"
}
`],
  ['dotnet-api/appsettings.Production.json', (S) => `{
  "CosmosDb": {
    "ConnectionString": "${S('azure-cosmos-connection-string', `AccountEndpoint=https://acme-cosmos.documents.azure.com:443/;AccountKey=${g.azure.storageKey()};`)}"
  },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "${g.uuid()}",
    "ClientId": "${g.uuid()}",
    "ClientSecret": "${S('azure-ad-client-secret', g.azure.clientSecret())}"
  },
  "Redis": "${S('redis-connection-string-password', `acme-cache.redis.cache.windows.net:6380,password=${g.azure.sbKey()},ssl=True,abortConnect=False`)}"
}
`],
  ['dotnet-api/web.config', (S) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <connectionStrings>
    <add name="Main" connectionString="${S('mssql-connection-string-password', `Data Source=sql01;Initial Catalog=Main;User Id=webapp;Password=${g.password()};`)}" providerName="System.Data.SqlClient" />
  </connectionStrings>
  <appSettings>
    <add key="SmtpPassword" value="${S('smtp-password', g.password())}" />
  </appSettings>
</configuration>
`],
  ['home/.npmrc', (S) => `registry=https://registry.npmjs.org/
//registry.npmjs.org/:_authToken=${S('npm-token', g.npmToken())}
@acme:registry=https://npm.pkg.github.com
//npm.pkg.github.com/:_authToken=${S('github-pat', g.gh.pat())}
`],
  ['frontend/.npmrc', (S) => `@acme:registry=https://acme.jfrog.io/artifactory/api/npm/npm-virtual/
//acme.jfrog.io/artifactory/api/npm/npm-virtual/:_auth=${S('npmrc-basic-auth', g.b64(`ci-bot:${g.password()}`))}
always-auth=true
`],
  ['home/.yarnrc.yml', (S) => `nodeLinker: node-modules
npmScopes:
  acme:
    npmRegistryServer: "https://npm.pkg.github.com"
    npmAuthToken: "${S('github-pat', g.gh.pat())}"
`],
  ['home/.pypirc', (S) => `[distutils]
index-servers =
    pypi
    private

[pypi]
username = __token__
password = ${S('pypi-token', g.pypi())}

[private]
repository = https://pypi.acme.io/simple/
username = deploy
password = ${S('generic-password', g.password())}
`],
  ['home/.netrc', (S) => `machine api.heroku.com
  login ops@acme.io
  password ${S('heroku-api-key', g.herokuKey())}
machine github.com
  login acme-bot
  password ${S('github-pat', g.gh.pat())}
`],
  ['home/.docker/config.json', (S) => `{
	"auths": {
		"https://index.docker.io/v1/": {
			"auth": "${S('docker-config-auth', g.b64(`acmeci:${g.dockerHubPat()}`))}"
		},
		"registry.gitlab.com": {
			"auth": "${S('docker-config-auth', g.b64(`gitlab-ci-token:${g.glpat()}`))}"
		}
	}
}
`],
  ['home/.git-credentials', (S) => `${S('git-credentials-url', `https://acme-bot:${g.gh.pat()}@github.com`)}
${S('git-credentials-url', `https://oauth2:${g.glpat()}@gitlab.com`)}
`],
  ['home/.aws/credentials', (S) => `[default]
aws_access_key_id = ${S('aws-access-key-id', g.aws.keyId())}
aws_secret_access_key = ${S('aws-secret-access-key', g.aws.secret())}

[prod-temp]
aws_access_key_id = ${S('aws-temp-access-key-id', g.aws.tempKeyId())}
aws_secret_access_key = ${S('aws-secret-access-key', g.aws.secret())}
aws_session_token = ${S('aws-session-token', g.aws.session())}
`],
  ['home/.config/gh/hosts.yml', (S) => `github.com:
    user: acme-dev
    oauth_token: ${S('github-oauth-token', g.gh.oauth())}
    git_protocol: https
`],
  ['home/.pgpass', (S) => `db.acme.internal:5432:orders:orders_rw:${S('pgpass-password', g.password())}
`],
  ['home/.my.cnf', (S) => `[client]
user=backup
password=${S('mysql-password', g.password())}
host=mysql-primary.acme.internal
`],
  ['home/.s3cfg', (S) => `[default]
access_key = ${S('aws-access-key-id', g.aws.keyId())}
secret_key = ${S('aws-secret-access-key', g.aws.secret())}
host_base = s3.amazonaws.com
use_https = True
`],
  ['home/.config/rclone/rclone.conf', (S) => `[b2]
type = b2
account = ${g.hex(12)}
key = ${S('backblaze-application-key', 'K00' + g.alnum(28))}
`],
  ['home/.gem/credentials', (S) => `---
:rubygems_api_key: ${S('rubygems-api-key', g.rubygems())}
`],
  ['home/.m2/settings.xml', (S) => `<settings>
  <servers>
    <server>
      <id>acme-releases</id>
      <username>deployer</username>
      <password>${S('maven-password', g.password())}</password>
    </server>
    <server>
      <id>artifactory</id>
      <username>ci</username>
      <password>${S('jfrog-api-key', g.jfrog())}</password>
    </server>
  </servers>
</settings>
`],
  ['android-lib/gradle.properties', (S) => `org.gradle.jvmargs=-Xmx2048m
signing.keyId=${g.pick(g.HEXUP, 8)}
signing.password=${S('gpg-signing-password', g.password())}
ossrhUsername=acme
ossrhPassword=${S('sonatype-password', g.password())}
`],
  ['dotnet-api/NuGet.Config', (S) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="acme" value="https://pkgs.dev.azure.com/acme/_packaging/acme/nuget/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <acme>
      <add key="Username" value="build" />
      <add key="ClearTextPassword" value="${S('azure-devops-pat', g.pick(g.LOWER + g.DIGITS, 52))}" />
    </acme>
  </packageSourceCredentials>
  <apikeys>
    <add key="https://www.nuget.org/api/v2/package" value="${S('nuget-api-key', g.nugetKey())}" />
  </apikeys>
</configuration>
`],
  ['composer-app/auth.json', (S) => `{
    "http-basic": {
        "repo.packagist.com": {
            "username": "token",
            "password": "${S('packagist-token', g.hex(64))}"
        }
    },
    "github-oauth": {
        "github.com": "${S('github-oauth-token', g.gh.oauth())}"
    },
    "gitlab-token": {
        "gitlab.com": "${S('gitlab-pat', g.glpat())}"
    }
}
`],
  ['.github/workflows/deploy.yml', (S) => `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: ${S('aws-access-key-id', g.aws.keyId())}
      AWS_SECRET_ACCESS_KEY: ${S('aws-secret-access-key', g.aws.secret())}
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run build
      - run: aws s3 sync dist s3://acme-site --delete
      - name: notify
        run: |
          curl -X POST -H 'Content-type: application/json' --data '{"text":"deployed"}' ${S('slack-webhook', g.slack.webhook())}
`],
  ['.github/workflows/release.yaml', (S) => `name: release
on: [workflow_dispatch]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          registry-url: https://registry.npmjs.org
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: ${S('npm-token', g.npmToken())}
      - run: twine upload dist/*
        env:
          TWINE_USERNAME: __token__
          TWINE_PASSWORD: ${S('pypi-token', g.pypi())}
`],
  ['.gitlab-ci.yml', (S) => `stages: [build, deploy]
variables:
  DOCKER_DRIVER: overlay2
  REGISTRY_PASSWORD: "${S('generic-password', g.password())}"
  HEROKU_API_KEY: "${S('heroku-api-key', g.herokuKey())}"

build:
  stage: build
  image: docker:24
  script:
    - docker login -u acme -p ${S('dockerhub-pat', g.dockerHubPat())} docker.io
    - docker build -t acme/app .

deploy:
  stage: deploy
  script:
    - dpl --provider=heroku --app=acme-app --api-key=$HEROKU_API_KEY
`],
  ['.circleci/config.yml', (S) => `version: 2.1
jobs:
  test:
    docker:
      - image: cimg/python:3.12
        auth:
          username: acmeci
          password: ${S('dockerhub-pat', g.dockerHubPat())}
    environment:
      CODECOV_TOKEN: ${S('codecov-token', g.uuid())}
      SAUCE_ACCESS_KEY: ${S('saucelabs-access-key', g.uuid())}
    steps:
      - checkout
      - run: pytest
`],
  ['ci/Jenkinsfile', (S) => `pipeline {
  agent any
  environment {
    SONAR_TOKEN = '${S('sonarqube-token', g.sonar())}'
    ARTIFACTORY_PASSWORD = "${S('generic-password', g.password())}"
  }
  stages {
    stage('Build') {
      steps {
        sh './gradlew build'
      }
    }
    stage('Publish') {
      steps {
        sh "curl -u admin:${S('curl-basic-auth-password', g.password().replace(/[!#%^*+=@]/g, 'x'))} -T build/libs/app.jar https://repo.acme.io/libs-release/app.jar"
      }
    }
  }
}
`],
  ['ci/azure-pipelines.yml', (S) => `trigger:
  - main
pool:
  vmImage: ubuntu-latest
variables:
  AZURE_STORAGE_SAS: "${S('azure-sas-token', `?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-12-31T23:59:59Z&st=2024-01-01T00:00:00Z&spr=https&sig=${g.azure.sasSig()}`)}"
steps:
  - script: az storage blob upload-batch -d '$web' -s dist --account-name acmeweb
`],
  ['ci/bitbucket-pipelines.yml', (S) => `image: node:20
pipelines:
  default:
    - step:
        script:
          - npm ci
          - npm test
          - git push https://x-token-auth:${S('bitbucket-app-password', g.bitbucketAppPassword())}@bitbucket.org/acme/mirror.git HEAD:main
`],
  ['ci/.travis.yml', (S) => `language: python
python: "3.11"
env:
  global:
    - COVERALLS_REPO_TOKEN=${S('coveralls-token', g.alnum(32))}
    - PYPI_PASSWORD=${S('pypi-token', g.pypi())}
script: pytest
`],
  ['ci/buildkite/pipeline.yml', (S) => `steps:
  - label: ":rocket: deploy"
    command: scripts/deploy.sh
    env:
      FLY_API_TOKEN: "${S('flyio-token', g.fly())}"
      RENDER_API_KEY: "${S('render-api-key', g.render())}"
`],
  ['ci/drone.yml', (S) => `kind: pipeline
name: default
steps:
  - name: publish
    image: plugins/docker
    settings:
      repo: acme/api
      username: acme
      password: ${S('dockerhub-pat', g.dockerHubPat())}
  - name: notify
    image: appleboy/drone-discord
    settings:
      webhook_id: ${g.digits(19)}
      webhook_token: ${S('discord-webhook-token', g.b64url(68))}
`],
  ['ansible/group_vars/all.yml', (S) => `---
ntp_server: pool.ntp.org
mysql_root_password: "${S('mysql-password', g.password())}"
app_db_password: ${S('database-password', g.password())}
newrelic_license_key: ${S('newrelic-license-key', g.hex(36) + 'NRAL')}
`],
  ['ansible/inventory.ini', (S) => `[web]
web1.acme.io ansible_user=deploy ansible_password=${S('ssh-password', g.password())}
web2.acme.io ansible_user=deploy ansible_ssh_pass=${S('ssh-password', g.password())}
`],
  ['redis/redis.conf', (S) => `bind 0.0.0.0
port 6379
requirepass ${S('redis-password', g.password())}
maxmemory 512mb
`],
  ['wordpress/wp-config.php', (S) => `<?php
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_prod' );
define( 'DB_PASSWORD', '${S('database-password', g.password())}' );
define( 'DB_HOST', 'mysql.acme.internal' );

define( 'AUTH_KEY',         '${S('wordpress-auth-salt', g.pick(g.ALNUM + '!@#$%^&*()-_[]{}<>~+=,.;:/?|', 64).replace(/'/g, 'q'))}' );
define( 'SECURE_AUTH_KEY',  '${S('wordpress-auth-salt', g.pick(g.ALNUM + '!@#$%^&*()-_[]{}<>~+=,.;:/?|', 64).replace(/'/g, 'q'))}' );
$table_prefix = 'wp_';
`],
  ['rails-app/config/database.yml', (S) => `default: &default
  adapter: postgresql
  encoding: unicode
  pool: 5

production:
  <<: *default
  database: shop_production
  username: shop
  password: ${S('database-password', g.password())}
  host: shop-db.acme.internal
`],
  ['rails-app/config/storage.yml', (S) => `amazon:
  service: S3
  access_key_id: ${S('aws-access-key-id', g.aws.keyId())}
  secret_access_key: ${S('aws-secret-access-key', g.aws.secret())}
  region: us-east-1
  bucket: shop-uploads
`],
  ['gcp/service-account.json', (S) => {
    const key = g.pkcs8Pem().replace(/\n/g, '\\n');
    return `{
  "type": "service_account",
  "project_id": "acme-analytics-271828",
  "private_key_id": "${S('gcp-service-account-key-id', g.hex(40))}",
  "private_key": "${S('gcp-service-account-private-key', key + '\\n')}",
  "client_email": "etl-runner@acme-analytics-271828.iam.gserviceaccount.com",
  "client_id": "${g.digits(21)}",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token",
  "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
  "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/etl-runner%40acme-analytics-271828.iam.gserviceaccount.com",
  "universe_domain": "googleapis.com"
}
`;
  }],
  ['gcp/client_secret.json', (S) => `{"installed":{"client_id":"${g.googleOauthClientId()}","project_id":"acme-desktop","auth_uri":"https://accounts.google.com/o/oauth2/auth","token_uri":"https://oauth2.googleapis.com/token","client_secret":"${S('gcp-oauth-client-secret', g.gcpClientSecret())}","redirect_uris":["http://localhost"]}}
`],
  ['mobile/google-services.json', (S) => `{
  "project_info": {
    "project_number": "${g.digits(12)}",
    "project_id": "acme-mobile-app",
    "storage_bucket": "acme-mobile-app.appspot.com"
  },
  "client": [
    {
      "client_info": {
        "mobilesdk_app_id": "1:${g.digits(12)}:android:${g.hex(16)}",
        "android_client_info": { "package_name": "io.acme.mobile" }
      },
      "api_key": [
        { "current_key": "${S('firebase-api-key', g.gcpKey())}" }
      ]
    }
  ]
}
`],
  ['ssh/id_ed25519', (S) => {
    const { priv } = g.opensshKey('ed25519');
    return S('openssh-private-key', priv) + '\n';
  }],
  ['ssh/deploy_key', (S) => {
    const { priv } = g.opensshKey('rsa');
    return S('openssh-private-key', priv) + '\n';
  }],
  ['certs/server.key', (S) => S('rsa-private-key-pem', g.rsaPem()) + '\n'],
  ['certs/ec-signing.pem', (S) => S('ec-private-key-pem', g.ecPem()) + '\n'],
  ['certs/bundle.pem', (S) => `-----BEGIN CERTIFICATE-----
${g.base64Of(48 * 14).match(/.{1,64}/g).join('\n')}
-----END CERTIFICATE-----
${S('pkcs8-private-key-pem', g.pkcs8Pem())}
`],
  ['vpn/client.ovpn', (S) => `client
dev tun
proto udp
remote vpn.acme.io 1194
<key>
${S('rsa-private-key-pem', g.pkcs8Pem())}
</key>
`],
  ['wireguard/wg0.conf', (S) => `[Interface]
Address = 10.8.0.2/24
PrivateKey = ${S('wireguard-private-key', g.base64Of(32))}
DNS = 1.1.1.1

[Peer]
PublicKey = ${g.base64Of(32)}
Endpoint = vpn.acme.io:51820
AllowedIPs = 0.0.0.0/0
`],
  ['age/keys.txt', (S) => `# created: 2024-05-02T10:11:12Z
# public key: ${g.agePublic()}
${S('age-secret-key', g.ageKey())}
`],
];
