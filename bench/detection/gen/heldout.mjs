// Held-out part of the corpus: written after the first measurements were shared with the rule
// authors, and first measured before they had seen it (see /work/notes/eval.md). Same conventions
// as the other parts.
import { Buffer } from 'node:buffer';
import * as g from './helpers.mjs';

export const heldoutPositive = [
  ['heldout/api/.env', (S) => `# production values, rotate quarterly
STRIPE_KEY="${S('stripe-secret-key', g.stripe.secret())}" # live
MONGO_URI='${S('mongodb-srv-url-password', `mongodb+srv://api:${g.urlPassword()}@prod.${g.lower(5)}.mongodb.net/api?retryWrites=true`)}'
AZURE_STORAGE_ACCOUNT=acmeprodfiles
AZURE_STORAGE_KEY=${S('azure-storage-account-key', g.azure.storageKey())}
`],
  ['heldout/docs/getting-started.md', (S) => `Start a database for the integration tests:

\`\`\`sh
docker run -d --name pg -e POSTGRES_PASSWORD=${S('database-password', g.password())} -p 5432:5432 postgres:16
\`\`\`
`],
  ['heldout/.github/workflows/sync.yml', (S) => `name: sync
on: { schedule: [{ cron: "0 3 * * *" }] }
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          token: ${S('github-pat', g.gh.pat())}
      - uses: peter-evans/create-pull-request@v6
        with:
          token: ${S('github-fine-grained-pat', g.gh.fine())}
`],
  ['heldout/kotlin/src/main/kotlin/MapsConfig.kt', (S) => `@Configuration
class MapsConfig(@Value("\\\${maps.key:${S('gcp-api-key', g.gcpKey())}}") private val key: String)
`],
  ['heldout/py/settings_prod.py', (S) => `CONFIG = {
    "aws_access_key_id": "${S('aws-access-key-id', g.aws.keyId())}",
    "aws_secret_access_key": "${S('aws-secret-access-key', g.aws.secret())}",
    "bucket": "acme-exports",
}
`],
  ['heldout/ts/github.ts', (S) => `import { Octokit } from '@octokit/rest';

export const octokit = new Octokit({ auth: '${S('github-fine-grained-pat', g.gh.fine())}' });
`],
  ['heldout/go/db.go', (S) => `package db

var cfg = mysql.Config{
\tUser:   "orders",
\tPasswd: "${S('database-password', g.password())}",
\tNet:    "tcp",
\tAddr:   "mysql.example-corp.net:3306",
\tDBName: "orders",
}
`],
  ['heldout/compose/docker-compose.yml', (S) => `x-env: &default-env
  API_TOKEN: ${S('generic-api-token', g.alnum(40))}
  SENTRY_AUTH_TOKEN: ${S('sentry-user-token', 'sntryu_' + g.hex(64))}
services:
  web:
    image: example-corp/web:5
    environment: *default-env
`],
  ['heldout/supervisor/app.conf', (S) => `[program:worker]
command=/srv/app/bin/worker
environment=DJANGO_SETTINGS_MODULE="app.settings",SECRET_KEY="${S('django-secret-key', g.pick(g.LOWER + g.DIGITS + '!@#%^&*(-_=+)', 50))}"
autorestart=true
`],
  ['heldout/systemd/app.service', (S) => `[Unit]
Description=Example Corp API

[Service]
Environment="DB_PASSWORD=${S('database-password', g.urlPassword())}"
Environment="OPENAI_API_KEY=${S('openai-project-key', g.openai())}"
ExecStart=/usr/local/bin/api
`],
  ['heldout/php/config/database.php', (S) => `<?php

return [
    'connections' => [
        'pgsql' => [
            'driver' => 'pgsql',
            'host' => 'pg.example-corp.net',
            'database' => 'shop',
            'username' => 'shop',
            'password' => '${S('database-password', g.password())}',
        ],
    ],
];
`],
  ['heldout/java/src/main/resources/application-prod.properties', (S) => `spring.data.redis.host=redis.example-corp.net
spring.data.redis.password=${S('redis-password', g.password())}
spring.cloud.azure.storage.blob.account-key=${S('azure-storage-account-key', g.azure.storageKey())}
`],
  ['heldout/home/.python-gitlab.cfg', (S) => `[global]
default = work

[work]
url = https://gitlab.example-corp.net
private_token = ${S('gitlab-pat', g.glpat())}
api_version = 4
`],
  ['heldout/home/.databrickscfg', (S) => `[DEFAULT]
host = https://adb-${g.digits(16)}.7.azuredatabricks.net
token = ${S('databricks-token', g.databricks())}
`],
  ['heldout/home/.config/pip/pip.conf', (S) => `[global]
index-url = ${S('url-basic-auth', `https://build:${g.urlPassword()}@pypi.example-corp.net/simple/`)}
`],
  ['heldout/ruby/config/initializers/mail.rb', (S) => `ENV["SENDGRID_API_KEY"] ||= "${S('sendgrid-api-key', g.sendgrid())}"
ActionMailer::Base.smtp_settings = { user_name: "apikey", password: ENV["SENDGRID_API_KEY"], address: "smtp.sendgrid.net", port: 587 }
`],
  ['heldout/cron/crontab', (S) => `# m h dom mon dow command
*/15 * * * * curl -fsS -u monitor:${S('curl-basic-auth-password', g.urlPassword())} https://status.example-corp.net/ping >/dev/null
`],
  ['heldout/bot/config.json', (S) => `{
  "prefix": "!",
  "token": "${S('discord-bot-token', g.discordBot())}",
  "ownerId": "${g.digits(18)}"
}
`],
  ['heldout/csharp/Sms.cs', (S) => `public static class Sms
{
    private const string AccountSid = "${g.twilio.sid()}";
    private const string AuthToken = "${S('twilio-auth-token', g.twilio.token())}";
}
`],
  ['heldout/py/mssql.py', (S) => `import pyodbc

conn = pyodbc.connect("${S('mssql-odbc-connection-string', `DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql.example-corp.net;DATABASE=erp;UID=erp_app;PWD=${g.password()}`)}")
`],
  ['heldout/swift/AI.swift', (S) => `import OpenAI

let client = OpenAI(apiToken: "${S('openai-project-key', g.openai())}")
`],
  ['heldout/ts/claude.ts', (S) => `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: '${S('anthropic-api-key', g.anthropic())}' });
export default anthropic;
`],
  ['heldout/nginx/upstream.conf', (S) => `location /internal/ {
    proxy_set_header Authorization "Bearer ${S('jwt', g.jwt({ sub: 'nginx-gateway', scope: 'internal', iat: 1717000000 }))}";
    proxy_pass http://internal-api;
}
`],
  ['heldout/android/AndroidManifest.xml', (S) => `<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="net.examplecorp.maps">
    <application android:label="Maps">
        <meta-data android:name="com.google.android.geo.API_KEY" android:value="${S('gcp-api-key', g.gcpKey())}" />
    </application>
</manifest>
`],
  ['heldout/terraform/tls.tf', (S) => `resource "kubernetes_secret" "tls" {
  metadata { name = "tls" }
  data = {
    "tls.key" = <<EOT
${S('ec-private-key-pem-heredoc', g.ecPem())}
EOT
  }
}
`],
  ['heldout/go/mail.go', (S) => `package mail

import "github.com/sendgrid/sendgrid-go"

var client = sendgrid.NewSendClient("${S('sendgrid-api-key', g.sendgrid())}")
`],
  ['heldout/scripts/gcloud-auth.sh', (S) => `#!/bin/bash
echo '${S('gcp-service-account-json-base64', g.b64(JSON.stringify({ type: 'service_account', project_id: 'example-corp-ops', private_key_id: g.hex(40), private_key: g.pkcs8Pem() + '\n', client_email: 'ops@example-corp-ops.iam.gserviceaccount.com' })))}' | base64 -d > /tmp/sa.json
gcloud auth activate-service-account --key-file=/tmp/sa.json
`],
  ['heldout/k8s/secret-gitops.yaml', (S) => `apiVersion: v1
kind: Secret
metadata:
  name: argocd-repo
  labels:
    argocd.argoproj.io/secret-type: repository
stringData:
  url: https://github.com/example-corp/deploy
  password: ${S('github-pat', g.gh.pat())}
  username: deploy-bot
`],
  ['heldout/misc/npm-publish.sh', (S) => `#!/bin/sh
npm config set //registry.npmjs.org/:_authToken ${S('npm-token', g.npmToken())}
npm publish --access public
`],
  ['heldout/misc/huggingface.env', (S) => `HUGGING_FACE_HUB_TOKEN=${S('huggingface-token', g.hf())}
WANDB_API_KEY=${S('wandb-api-key', g.hex(40))}
PINECONE_API_KEY=${S('pinecone-api-key', 'pcsk_' + g.alnum(6) + '_' + g.alnum(64))}
`],
];

export const heldoutNegative = [
  ['heldout/api/.env.sample', () => `STRIPE_KEY="sk_live_your_key_here"
MONGO_URI='mongodb+srv://<user>:<password>@cluster0.mongodb.net/api'
AZURE_STORAGE_KEY=your_api_key_here
PASSWORD=
`],
  ['heldout/docs/api.md', () => `Authenticate with HTTP basic auth:

\`\`\`sh
curl -u username:password https://api.example.com/v1/me
curl -H "Authorization: Bearer $TOKEN" https://api.example.com/v1/me
\`\`\`
`],
  ['heldout/go/handlers.go', () => `package handlers

func Login(w http.ResponseWriter, r *http.Request) {
\tusername := r.FormValue("username")
\tpassword := r.FormValue("password")
\ttoken, err := auth.Issue(username, password)
\tif err != nil {
\t\thttp.Error(w, "invalid credentials", http.StatusUnauthorized)
\t\treturn
\t}
\tjson.NewEncoder(w).Encode(map[string]string{"access_token": token})
}
`],
  ['heldout/py/cli.py', () => `import argparse
import getpass

parser = argparse.ArgumentParser()
parser.add_argument("--password", default=None, help="database password (prompted when omitted)")
parser.add_argument("--api-key", dest="api_key", default=os.environ.get("API_KEY"))
args = parser.parse_args()
password = args.password or getpass.getpass("Password: ")
`],
  ['heldout/.github/workflows/pr.yml', () => `on: pull_request
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@v5
        with:
          repo-token: \${{ secrets.GITHUB_TOKEN }}
      - uses: codecov/codecov-action@v4
        with:
          token: \${{ secrets.CODECOV_TOKEN }}
`],
  ['heldout/Dockerfile', () => `# syntax=docker/dockerfile:1.6
FROM node:20-slim
ARG NPM_TOKEN
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
ENV API_KEY=""
`],
  ['heldout/terraform/random.tf', () => `resource "random_password" "db" {
  length           = 24
  special          = true
  override_special = "!#$%&*()-_=+[]{}<>:?"
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}
`],
  ['heldout/systemd/app.service', () => `[Service]
EnvironmentFile=/etc/example-corp/api.env
Environment="API_KEY_FILE=%d/api_key"
LoadCredential=api_key:/etc/credstore/api_key
`],
  ['heldout/java/DbConfig.java', () => `@Configuration
public class DbConfig {
    @Value("\${db.password}")
    private String password;

    @Value("\${api.key:}")
    private String apiKey;
}
`],
  ['heldout/test/redact.test.ts', () => `import { redact } from '../src/redact';

test('keeps the prefix only', () => {
  expect(redact('ghp_' + 'a'.repeat(36))).toBe('ghp_…');
  expect(redact('')).toBe('');
});
`],
  ['heldout/web/fonts.css', () => `@font-face {
  font-family: "Inter";
  src: url("data:font/woff2;base64,${Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37) % 256)).toString('base64')}") format("woff2");
}
`],
];
