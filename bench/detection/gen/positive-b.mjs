// Positive corpus, part B: source code in many languages, scripts, notebooks, dumps, logs, docs.
import * as g from './helpers.mjs';

export const positiveB = [
  ['scripts/deploy.sh', (S) => `#!/usr/bin/env bash
set -euo pipefail

API="https://api.acme.io/v2"
TOKEN="${S('generic-bearer-token', g.alnum(40))}"

curl -fsS -H "Authorization: Bearer ${S('github-pat', g.gh.pat())}" https://api.github.com/repos/acme/site/deployments
curl -fsS -u deploy:${S('curl-basic-auth-password', g.urlPassword())} "$API/releases" -d @release.json
curl -s -X POST https://api.digitalocean.com/v2/droplets -H "Authorization: Bearer ${S('digitalocean-token', g.digitalocean())}"
`],
  ['scripts/backup.sh', (S) => `#!/bin/sh
export PGPASSWORD='${S('database-password', g.password())}'
pg_dump -h db.acme.internal -U backup orders | gzip > /backups/orders.sql.gz
mysqldump -u root -p${S('mysql-password', g.urlPassword())} --all-databases > /backups/all.sql
`],
  ['scripts/notify.sh', (S) => `#!/bin/bash
MSG="$1"
curl -H "Content-Type: application/json" -d "{\\"content\\": \\"$MSG\\"}" "${S('discord-webhook', g.discordWebhook())}"
curl -H "Content-Type: application/json" -d "{\\"text\\": \\"$MSG\\"}" ${S('teams-webhook', g.teamsWebhook())}
curl -s "https://api.telegram.org/bot${S('telegram-bot-token', g.telegram())}/sendMessage?chat_id=-100${g.digits(10)}&text=$MSG"
`],
  ['scripts/setup-registry.ps1', (S) => `$ErrorActionPreference = "Stop"
$password = ConvertTo-SecureString "${S('generic-password', g.password())}" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("svc-build", $password)
$env:AZURE_DEVOPS_EXT_PAT = "${S('azure-devops-pat', g.pick(g.LOWER + g.DIGITS, 52))}"
az devops login --organization https://dev.azure.com/acme
`],
  ['scripts/api_smoke.http', (S) => `### list users
GET https://api.acme.io/v1/users
Authorization: Bearer ${S('jwt', g.jwt({ sub: g.uuid(), iss: 'https://auth.acme.io', aud: 'api', exp: 1893456000, scope: 'users:read' }))}

### create
POST https://api.acme.io/v1/users
X-API-Key: ${S('generic-api-key', g.alnum(32))}
`],
  ['scripts/Makefile', (S) => `IMAGE := acme/api
REGISTRY_TOKEN := ${S('github-pat', g.gh.pat())}

login:
\techo $(REGISTRY_TOKEN) | docker login ghcr.io -u acme-bot --password-stdin
`],
  ['py/s3_upload.py', (S) => `import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="${S('aws-access-key-id', g.aws.keyId())}",
    aws_secret_access_key="${S('aws-secret-access-key', g.aws.secret())}",
    region_name="eu-west-1",
)


def upload(path: str, key: str) -> None:
    s3.upload_file(path, "acme-uploads", key)
`],
  ['py/slack_alert.py', (S) => `from slack_sdk import WebClient

client = WebClient(token="${S('slack-bot-token', g.slack.bot())}")
USER_TOKEN = "${S('slack-user-token', g.slack.user())}"


def alert(text):
    client.chat_postMessage(channel="#ops", text=text)
`],
  ['py/llm.py', (S) => `import anthropic
import openai

openai.api_key = "${S('openai-project-key', g.openai())}"
claude = anthropic.Anthropic(api_key="${S('anthropic-api-key', g.anthropic())}")
`],
  ['py/hub.py', (S) => `from huggingface_hub import login

login(token="${S('huggingface-token', g.hf())}")
REPLICATE_API_TOKEN = "${S('replicate-token', g.replicate())}"
GROQ_KEY = "${S('groq-api-key', g.groq())}"
`],
  ['py/twilio_sms.py', (S) => `from twilio.rest import Client

account_sid = "${g.twilio.sid()}"
auth_token = "${S('twilio-auth-token', g.twilio.token())}"
client = Client(account_sid, auth_token)
api_key_sid = "${S('twilio-api-key', g.twilio.apiKey())}"
`],
  ['py/db.py', (S) => `import psycopg2
from sqlalchemy import create_engine

conn = psycopg2.connect(host="10.1.2.3", dbname="sales", user="report", password="${S('database-password', g.password())}")
engine = create_engine("${S('mysql-url-password', `mysql+pymysql://report:${g.urlPassword()}@mysql.acme.internal/sales`)}")
`],
  ['py/notion_sync.py', (S) => `import requests

NOTION_TOKEN = "${S('notion-token', g.notion())}"
LINEAR_API_KEY = "${S('linear-api-key', g.linear())}"
headers = {"Authorization": f"Bearer {NOTION_TOKEN}", "Notion-Version": "2022-06-28"}
`],
  ['py/mail.py', (S) => `import requests

MAILGUN_KEY = "${S('mailgun-api-key', g.mailgunOld())}"


def send(to, subject, body):
    return requests.post(
        "https://api.mailgun.net/v3/mg.acme.io/messages",
        auth=("api", MAILGUN_KEY),
        data={"from": "noreply@acme.io", "to": to, "subject": subject, "text": body},
    )
`],
  ['py/tests/conftest.py', (S) => `import pytest


@pytest.fixture
def live_client():
    # TODO move to vault before release
    return ApiClient(api_key="${S('stripe-secret-key', g.stripe.shortSecret())}")
`],
  ['go/cmd/server/main.go', (S) => `package main

import (
\t"database/sql"
\t"log"

\t_ "github.com/lib/pq"
)

const dsn = "${S('postgres-url-password', `postgres://svc:${g.urlPassword()}@pg.acme.internal:5432/svc?sslmode=require`)}"

var githubToken = "${S('github-pat', g.gh.pat())}"

func main() {
\tdb, err := sql.Open("postgres", dsn)
\tif err != nil {
\t\tlog.Fatal(err)
\t}
\tdefer db.Close()
}
`],
  ['go/internal/aws/client.go', (S) => `package aws

import (
\t"github.com/aws/aws-sdk-go-v2/credentials"
)

func provider() credentials.StaticCredentialsProvider {
\treturn credentials.NewStaticCredentialsProvider("${S('aws-access-key-id', g.aws.keyId())}", "${S('aws-secret-access-key', g.aws.secret())}", "")
}
`],
  ['go/internal/notify/slack.go', (S) => `package notify

const slackWebhook = "${S('slack-webhook', g.slack.webhook())}"
const sendgridKey = "${S('sendgrid-api-key', g.sendgrid())}"
`],
  ['java/src/main/java/io/acme/PaymentClient.java', (S) => `package io.acme;

import com.stripe.Stripe;

public class PaymentClient {
    private static final String STRIPE_KEY = "${S('stripe-secret-key', g.stripe.secret())}";

    public PaymentClient() {
        Stripe.apiKey = STRIPE_KEY;
    }
}
`],
  ['java/src/main/java/io/acme/Db.java', (S) => `package io.acme;

import java.sql.Connection;
import java.sql.DriverManager;

public final class Db {
    public static Connection open() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://pg.acme.internal:5432/core", "core", "${S('database-password', g.password())}");
    }
}
`],
  ['java/src/main/java/io/acme/AzureBlob.java', (S) => `package io.acme;

import com.azure.storage.blob.BlobServiceClientBuilder;

class AzureBlob {
    static final String CONN = "${S('azure-storage-connection-string', `DefaultEndpointsProtocol=https;AccountName=acmemedia;AccountKey=${g.azure.storageKey()};EndpointSuffix=core.windows.net`)}";
    var client = new BlobServiceClientBuilder().connectionString(CONN).buildClient();
}
`],
  ['kotlin/app/src/main/kotlin/Config.kt', (S) => `package io.acme.app

object Config {
    const val MAPS_API_KEY = "${S('gcp-api-key', g.gcpKey())}"
    const val SENTRY_AUTH_TOKEN = "${S('sentry-auth-token', g.sentryToken())}"
    val mapboxSecret = "${S('mapbox-secret-token', g.mapbox())}"
}
`],
  ['swift/Sources/App/Secrets.swift', (S) => `import Foundation

enum Secrets {
    static let revenueCatKey = "${S('revenuecat-secret-key', 'sk_' + g.alnum(32))}"
    static let openAIKey = "${S('openai-project-key', g.openai())}"
    static let algoliaAdminKey = "${S('algolia-admin-key', g.hex(32))}"
}
`],
  ['ruby/config/initializers/stripe.rb', (S) => `Stripe.api_key = "${S('stripe-secret-key', g.stripe.secret())}"
Rails.configuration.stripe = {
  publishable_key: "${g.stripe.publishable()}",
  webhook_secret: "${S('stripe-webhook-secret', g.stripe.webhook())}"
}
`],
  ['ruby/lib/shopify_sync.rb', (S) => `require "shopify_api"

ShopifyAPI::Context.setup(
  api_key: "${g.hex(32)}",
  api_secret_key: "${S('shopify-shared-secret', g.shopify.shared())}",
  host: "https://acme.myshopify.com",
  scope: "read_orders",
  is_embedded: false,
  api_version: "2024-01"
)
ADMIN_TOKEN = "${S('shopify-admin-token', g.shopify.admin())}"
`],
  ['php/src/Mailer.php', (S) => `<?php

namespace Acme;

final class Mailer
{
    private const SENDGRID_KEY = '${S('sendgrid-api-key', g.sendgrid())}';
    private string $dsn = '${S('mysql-url-password', `mysql://mailer:${g.urlPassword()}@127.0.0.1:3306/mail`)}';
}
`],
  ['php/config/services.php', (S) => `<?php

return [
    'postmark' => [
        'token' => '${S('postmark-server-token', g.uuid())}',
    ],
    'ses' => [
        'key' => '${S('aws-access-key-id', g.aws.keyId())}',
        'secret' => '${S('aws-secret-access-key', g.aws.secret())}',
        'region' => 'us-east-1',
    ],
    'paystack' => [
        'secret' => '${S('paystack-secret-key', 'sk_live_' + g.hex(40))}',
    ],
];
`],
  ['csharp/Services/GraphClient.cs', (S) => `using Azure.Identity;
using Microsoft.Graph;

namespace Acme.Services;

public static class GraphClientFactory
{
    private const string TenantId = "${g.uuid()}";
    private const string ClientId = "${g.uuid()}";
    private const string ClientSecret = "${S('azure-ad-client-secret', g.azure.clientSecret())}";

    public static GraphServiceClient Create() =>
        new(new ClientSecretCredential(TenantId, ClientId, ClientSecret));
}
`],
  ['csharp/Program.cs', (S) => `var builder = WebApplication.CreateBuilder(args);
var conn = "${S('postgres-connection-string-password', `Host=pg.acme.internal;Port=5432;Database=shop;Username=shop;Password=${g.password()}`)}";
builder.Services.AddDbContext<ShopDb>(o => o.UseNpgsql(conn));
var app = builder.Build();
app.Run();
`],
  ['rust/src/config.rs', (S) => `pub struct Settings {
    pub database_url: &'static str,
    pub github_token: &'static str,
}

pub const SETTINGS: Settings = Settings {
    database_url: "${S('postgres-url-password', `postgres://rustapp:${g.urlPassword()}@localhost.acme.io/rustapp`)}",
    github_token: "${S('github-fine-grained-pat', g.gh.fine())}",
};
`],
  ['rust/src/telemetry.rs', (S) => `const HONEYCOMB_API_KEY: &str = "${S('honeycomb-api-key', g.alnum(22))}";
const NEW_RELIC_API_KEY: &str = "${S('newrelic-user-api-key', g.newrelic())}";
`],
  ['js/src/firebase.js', (S) => `import { initializeApp } from "firebase/app";

const firebaseConfig = {
  apiKey: "${S('firebase-api-key', g.gcpKey())}",
  authDomain: "acme-web.firebaseapp.com",
  projectId: "acme-web",
  storageBucket: "acme-web.appspot.com",
  messagingSenderId: "${g.digits(12)}",
  appId: "1:${g.digits(12)}:web:${g.hex(22)}",
};

export const app = initializeApp(firebaseConfig);
export const FCM_SERVER_KEY = "${S('fcm-server-key', g.fcmServerKey())}";
`],
  ['js/src/api.js', (S) => `const axios = require('axios');

const client = axios.create({
  baseURL: 'https://api.acme.io',
  headers: { Authorization: 'Bearer ${S('jwt', g.jwt({ sub: 'svc-reporting', role: 'admin', iat: 1714000000 }))}' },
});

const mongo = '${S('mongodb-srv-url-password', `mongodb+srv://reporting:${g.urlPassword()}@prod.${g.lower(5)}.mongodb.net/reports`)}';
module.exports = { client, mongo };
`],
  ['js/src/postman.ts', (S) => `const POSTMAN_API_KEY = '${S('postman-api-key', g.postman())}';
export async function collections(): Promise<unknown> {
  const res = await fetch('https://api.getpostman.com/collections', { headers: { 'X-Api-Key': POSTMAN_API_KEY } });
  return res.json();
}
`],
  ['js/src/atlassian.ts', (S) => `const auth = Buffer.from('ops@acme.io:${S('atlassian-api-token', g.atlassian())}').toString('base64');
export const jira = (path: string) => fetch(\`https://acme.atlassian.net/rest/api/3/\${path}\`, { headers: { Authorization: \`Basic \${auth}\` } });
`],
  ['js/scripts/seed.mjs', (S) => `import pg from 'pg';
const pool = new pg.Pool({ connectionString: '${S('postgres-url-password', `postgres://seed:${g.urlPassword()}@db.staging.acme.io:5432/app`)}' });
const supabaseServiceRole = '${S('supabase-service-role-jwt', g.jwt({ iss: 'supabase', ref: g.lower(20), role: 'service_role', iat: 1700000000, exp: 2015576000 }))}';
const supabaseAccessToken = '${S('supabase-access-token', g.supabase())}';
`],
  ['js/vault.js', (S) => `const vault = require('node-vault')({ endpoint: 'https://vault.acme.io', token: '${S('vault-token', g.vault())}' });
const doppler = '${S('doppler-token', g.doppler())}';
module.exports = { vault, doppler };
`],
  ['js/webpack.config.js', (S) => `const webpack = require('webpack');
module.exports = {
  mode: 'production',
  plugins: [
    new webpack.DefinePlugin({
      'process.env.SENTRY_AUTH_TOKEN': JSON.stringify('${S('sentry-user-token', 'sntryu_' + g.hex(64))}'),
      'process.env.AMPLITUDE_SECRET': JSON.stringify('${S('generic-api-secret', g.hex(32))}'),
    }),
  ],
};
`],
  ['notebooks/explore.ipynb', (S) => JSON.stringify({
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Explore sales data'] },
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import openai\n', `openai.api_key = "${S('openai-project-key', g.openai())}"\n`] },
      { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [], source: ['import pandas as pd\n', `engine = "${S('postgres-url-password', `postgresql://analyst:${g.urlPassword()}@warehouse.acme.io/sales`)}"\n`, 'df = pd.read_sql("select * from orders", engine)\n'] },
    ],
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1) + '\n'],
  ['notebooks/train.ipynb', (S) => JSON.stringify({
    cells: [
      { cell_type: 'code', execution_count: 3, metadata: {}, outputs: [{ name: 'stdout', output_type: 'stream', text: ['Login successful\n'] }], source: ['from huggingface_hub import login\n', `login("${S('huggingface-token', g.hf())}")\n`] },
      { cell_type: 'code', execution_count: 4, metadata: {}, outputs: [], source: ['import wandb\n', `wandb.login(key="${S('wandb-api-key', g.hex(40))}")\n`] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1) + '\n'],
  ['sql/dump.sql', (S) => `-- MySQL dump 10.13  Distrib 8.0.36
CREATE TABLE \`integrations\` (
  \`id\` int NOT NULL AUTO_INCREMENT,
  \`name\` varchar(64) NOT NULL,
  \`config\` json DEFAULT NULL,
  PRIMARY KEY (\`id\`)
);
INSERT INTO \`integrations\` VALUES (1,'slack','{"token": "${S('slack-bot-token', g.slack.bot())}"}');
INSERT INTO \`integrations\` VALUES (2,'warehouse','{"url": "${S('postgres-url-password', `postgres://etl:${g.urlPassword()}@warehouse.acme.io:5432/dw`)}"}');
`],
  ['sql/migrations/V12__create_fdw.sql', (S) => `CREATE SERVER legacy FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host 'legacy.acme.internal', dbname 'legacy');
CREATE USER MAPPING FOR app SERVER legacy OPTIONS (user 'legacy_ro', password '${S('database-password', g.password())}');
ALTER USER reporting WITH PASSWORD '${S('database-password', g.password())}';
`],
  ['logs/app-2024-05-01.txt', (S) => `2024-05-01T10:00:01Z INFO starting worker pid=4411
2024-05-01T10:00:02Z DEBUG config loaded: {"db":"${S('postgres-url-password', `postgres://worker:${g.urlPassword()}@10.0.4.8:5432/jobs`)}"}
2024-05-01T10:00:03Z DEBUG outgoing request headers={"Authorization":"Bearer ${S('github-oauth-token', g.gh.oauth())}"}
2024-05-01T10:00:04Z INFO done
`],
  ['docs/runbook.md', (S) => `# On-call runbook

To rotate the cache, log in to the admin panel with the shared account:

- user: \`oncall\`
- API token: \`${S('pagerduty-api-key', 'u+' + g.b64url(18))}\`

Emergency S3 access (remove after the incident!):

\`\`\`
AWS_ACCESS_KEY_ID=${S('aws-access-key-id', g.aws.keyId())}
AWS_SECRET_ACCESS_KEY=${S('aws-secret-access-key', g.aws.secret())}
\`\`\`
`],
  ['docs/README.md', (S) => `## Quick start

\`\`\`sh
export OPENAI_API_KEY=${S('openai-project-key', g.openai())}
python -m app
\`\`\`

The staging database is at \`${S('postgres-url-password', `postgres://staging:${g.urlPassword()}@staging-db.acme.io:5432/app`)}\`.
`],
  ['misc/jwt.txt', (S) => `${S('jwt', g.jwt({ sub: '1234567890', name: 'svc-billing', admin: true, iat: 1716239022 }, 'RS256'))}
`],
  ['misc/tokens.json', (S) => `{
  "gitlab": "${S('gitlab-pat', g.glpat())}",
  "gitlab_runner": "${S('gitlab-runner-token', g.gitlabRunner())}",
  "github_app": "${S('github-app-token', g.gh.app())}",
  "github_refresh": "${S('github-refresh-token', g.gh.refresh())}",
  "github_user": "${S('github-user-to-server-token', g.gh.user())}"
}
`],
  ['misc/providers.yaml', (S) => `grafana:
  service_account_token: ${S('grafana-service-account-token', g.grafana())}
planetscale:
  token: ${S('planetscale-token', g.planetscale())}
pulumi:
  access_token: ${S('pulumi-token', g.pulumi())}
databricks:
  host: https://adb-${g.digits(16)}.4.azuredatabricks.net
  token: ${S('databricks-token', g.databricks())}
`],
  ['misc/providers2.env', (S) => `AIRTABLE_TOKEN=${S('airtable-pat', g.airtable())}
SQUARE_ACCESS_TOKEN=${S('square-access-token', g.squareToken())}
BRAINTREE_ACCESS_TOKEN=${S('braintree-access-token', g.braintree())}
OKTA_API_TOKEN=${S('okta-api-token', g.okta())}
LANGCHAIN_API_KEY=${S('langsmith-api-key', g.langsmith())}
`],
  ['misc/providers3.env', (S) => `HUBSPOT_ACCESS_TOKEN=${S('hubspot-private-app-token', g.hubspot())}
PERPLEXITY_API_KEY=${S('perplexity-api-key', g.perplexity())}
NETLIFY_AUTH_TOKEN=${S('netlify-token', g.netlify())}
CONTENTFUL_MANAGEMENT_TOKEN=${S('contentful-pat', g.contentful())}
ALIBABA_CLOUD_ACCESS_KEY_ID=${S('alibaba-access-key-id', g.alibaba.id())}
ALIBABA_CLOUD_ACCESS_KEY_SECRET=${S('alibaba-access-key-secret', g.alibaba.secret())}
`],
  ['misc/providers4.yml', (S) => `slack:
  app_token: ${S('slack-app-token', g.slack.app())}
google:
  refresh_token: ${S('google-oauth-refresh-token', g.googleRefresh())}
  client_secret: ${S('gcp-oauth-client-secret', g.gcpClientSecret())}
notion:
  integration_secret: ${S('notion-token', g.notionOld())}
`],
  ['misc/.env.local', (S) => `NEXT_PUBLIC_SITE_URL=https://acme.io
CLERK_SECRET_KEY=${S('clerk-secret-key', 'sk_live_' + g.alnum(40))}
RESEND_API_KEY=${S('resend-api-key', 're_' + g.alnum(8) + '_' + g.alnum(24))}
UPSTASH_REDIS_REST_TOKEN=${S('upstash-token', 'A' + g.b64url(59) + '=')}
`],
  ['misc/settings.ini', (S) => `[database]
host = mssql01.acme.internal
user = etl
password = ${S('database-password', g.password())}

[smtp]
server = smtp.office365.com
username = alerts@acme.io
password = ${S('smtp-password', g.password())}
`],
  ['misc/app.toml', (S) => `[server]
port = 8080

[database]
url = "${S('postgres-url-password', `postgres://toml:${g.urlPassword()}@pg.acme.internal/toml`)}"

[auth]
jwt_secret = "${S('jwt-signing-secret', g.base64Of(32))}"
`],
  ['misc/config.xml', (S) => `<?xml version="1.0"?>
<config>
  <smtp host="smtp.acme.io" user="mailer" password="${S('smtp-password', g.password().replace(/[<>&"]/g, 'x'))}"/>
  <apiKey>${S('generic-api-key', g.alnum(40))}</apiKey>
</config>
`],
  ['misc/hibernate.cfg.xml', (S) => `<hibernate-configuration>
  <session-factory>
    <property name="connection.url">jdbc:oracle:thin:@ora.acme.internal:1521:PROD</property>
    <property name="connection.username">hr</property>
    <property name="connection.password">${S('database-password', g.password().replace(/[<>&]/g, 'x'))}</property>
  </session-factory>
</hibernate-configuration>
`],
  ['misc/curl-history.txt', (S) => `curl https://${S('url-basic-auth', `admin:${g.urlPassword()}@`)}jenkins.acme.io/job/build/api/json
curl -H "X-Shopify-Access-Token: ${S('shopify-admin-token', g.shopify.admin())}" https://acme.myshopify.com/admin/api/2024-01/shop.json
`],
  ['misc/sentry.properties', (S) => `defaults.url=https://sentry.io/
defaults.org=acme
defaults.project=android
auth.token=${S('sentry-auth-token', g.sentryToken())}
`],
  ['misc/id_rsa_legacy.txt', (S) => `Here is the old deploy key, please rotate:

${S('rsa-private-key-pem', g.rsaPem())}
`],
  ['misc/keys.js', (S) => `// concatenated so the linter would not wrap it
const PRIVATE_KEY = ${S('pem-in-string-literal', JSON.stringify(g.ecPem() + '\n'))};
module.exports = { PRIVATE_KEY };
`],
  ['misc/heroku.json', (S) => `{
  "name": "acme-worker",
  "env": {
    "HEROKU_API_KEY": "${S('heroku-api-key', g.herokuKey())}",
    "PAPERTRAIL_API_TOKEN": "${S('papertrail-token', g.alnum(20))}"
  }
}
`],
  ['misc/Dockerfile', (S) => `FROM node:20-alpine
WORKDIR /app
ENV NPM_TOKEN=${S('npm-token', g.npmToken())}
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
ENV AWS_SECRET_ACCESS_KEY=${S('aws-secret-access-key', g.aws.secret())}
COPY . .
CMD ["node", "server.js"]
`],
];
