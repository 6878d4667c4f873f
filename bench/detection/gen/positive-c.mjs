// Positive corpus, part C: less common but real placements — kubeconfigs, state files, IAM CSV
// downloads, base64-wrapped credentials in CI, block-scalar PEMs, code in further languages.
import * as g from './helpers.mjs';

const indent = (text, pad) => text.split('\n').map((l) => pad + l).join('\n');

export const positiveC = [
  ['home/.kube/config', (S) => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${g.base64Of(800)}
    server: https://k8s.prod.example-corp.net:6443
  name: prod
contexts:
- context:
    cluster: prod
    user: admin
  name: prod
current-context: prod
users:
- name: admin
  user:
    client-certificate-data: ${g.base64Of(800)}
    client-key-data: ${S('kubeconfig-client-key-data', g.b64(g.ecPem() + '\n'))}
- name: ci
  user:
    token: ${S('kubernetes-service-account-jwt', g.jwt({ iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'ci', 'kubernetes.io/serviceaccount/service-account.name': 'deployer', sub: 'system:serviceaccount:ci:deployer' }, 'RS256'))}
`],
  ['terraform/terraform.tfstate', (S) => `{
  "version": 4,
  "terraform_version": "1.7.5",
  "serial": 42,
  "lineage": "${g.uuid()}",
  "resources": [
    {
      "mode": "managed",
      "type": "aws_iam_access_key",
      "name": "ci",
      "instances": [
        {
          "attributes": {
            "id": "${S('aws-access-key-id', g.aws.keyId())}",
            "secret": "${S('aws-secret-access-key', g.aws.secret())}",
            "status": "Active",
            "user": "ci"
          }
        }
      ]
    },
    {
      "mode": "managed",
      "type": "random_password",
      "name": "db",
      "instances": [ { "attributes": { "length": 24, "result": "${S('terraform-state-password', g.password(24))}" } } ]
    }
  ]
}
`],
  ['downloads/ci-bot_accessKeys.csv', (S) => `Access key ID,Secret access key
${S('aws-access-key-id-and-secret-csv', `${g.aws.keyId()},${g.aws.secret()}`)}
`],
  ['.github/workflows/docker.yml', (S) => `name: docker
on: push
jobs:
  push:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/login-action@v3
        with:
          username: acmebuild
          password: ${S('dockerhub-pat', g.dockerHubPat())}
      - uses: google-github-actions/auth@v2
        with:
          credentials_json: ${S('gcp-service-account-json-base64', g.b64(JSON.stringify({ type: 'service_account', project_id: 'acme-ci-4242', private_key_id: g.hex(40), private_key: g.pkcs8Pem() + '\n', client_email: 'ci@acme-ci-4242.iam.gserviceaccount.com' })))}
`],
  ['k8s/tls-stringdata.yaml', (S) => {
    const pem = g.rsaPem();
    return `apiVersion: v1
kind: Secret
metadata:
  name: webhook-tls
type: kubernetes.io/tls
stringData:
  tls.key: |
${S('rsa-private-key-pem-yaml-block', indent(pem, '    '))}
`;
  }],
  ['go/cmd/tool/env.go', (S) => `package main

import "os"

func init() {
\tos.Setenv("AWS_ACCESS_KEY_ID", "${S('aws-access-key-id', g.aws.keyId())}")
\tos.Setenv("AWS_SECRET_ACCESS_KEY", "${S('aws-secret-access-key', g.aws.secret())}")
\tos.Setenv("STRIPE_API_KEY", "${S('stripe-restricted-key', g.stripe.restricted())}")
}
`],
  ['py/client_auth.py', (S) => `import requests

resp = requests.get(
    "https://jira.example-corp.net/rest/api/2/myself",
    auth=("svc-jira", "${S('basic-auth-tuple-password', g.password())}"),
)
ssh_key = """${S('openssh-private-key-python-string', g.opensshKey('ed25519').priv)}
"""
`],
  ['c/src/config.h', (S) => `#ifndef CONFIG_H
#define CONFIG_H

#define API_HOST "api.example-corp.net"
#define API_KEY "${S('generic-api-key', g.alnum(40))}"
#define MQTT_PASSWORD "${S('mqtt-password', g.password())}"

#endif
`],
  ['cpp/src/uploader.cpp', (S) => `#include <string>

static const std::string kAzureSas =
    "https://acmeassets.blob.core.windows.net/uploads?${S('azure-sas-token', `sv=2023-01-03&ss=b&srt=co&sp=rwc&se=2027-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${g.azure.sasSig()}`)}";
`],
  ['android/app/build.gradle', (S) => `android {
    defaultConfig {
        applicationId "io.acme.shop"
        buildConfigField "String", "MAPS_KEY", "\\"${S('gcp-api-key', g.gcpKey())}\\""
    }
    signingConfigs {
        release {
            storeFile file("release.jks")
            storePassword "${S('android-keystore-password', g.password())}"
            keyAlias "release"
            keyPassword "${S('android-key-password', g.password())}"
        }
    }
}
`],
  ['ios/App/Info.plist', (S) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>CFBundleName</key>
	<string>Acme</string>
	<key>SEGMENT_WRITE_KEY</key>
	<string>${S('segment-write-key', g.alnum(32))}</string>
	<key>STRIPE_SECRET_KEY</key>
	<string>${S('stripe-secret-key', g.stripe.secret())}</string>
</dict>
</plist>
`],
  ['ruby/lib/github_client.rb', (S) => `require "octokit"

client = Octokit::Client.new(access_token: "${S('github-pat', g.gh.pat())}")
client.auto_paginate = true
`],
  ['elixir/config/prod.exs', (S) => `import Config

config :shop, Shop.Repo,
  username: "shop",
  password: "${S('database-password', g.password())}",
  hostname: "pg.example-corp.net",
  pool_size: 10

config :shop, ShopWeb.Endpoint,
  secret_key_base: "${S('phoenix-secret-key-base', g.b64url(64))}"
`],
  ['rails-app/config/master.key', (S) => `${S('rails-master-key', g.hex(32))}`],
  ['misc/cloudinary.env', (S) => `CLOUDINARY_URL=${S('cloudinary-url', `cloudinary://${g.digits(15)}:${g.b64url(27)}@acme-media`)}
MAILCHIMP_API_KEY=${S('mailchimp-api-key', g.hex(32) + '-us21')}
`],
  ['misc/chat-webhook.py', (S) => `import requests

WEBHOOK = "${S('google-chat-webhook', `https://chat.googleapis.com/v1/spaces/AAAA${g.b64url(7)}/messages?key=${g.gcpKey()}&token=${encodeURIComponent(g.b64url(43) + '=')}`)}"
requests.post(WEBHOOK, json={"text": "build finished"})
`],
  ['misc/collection.postman_collection.json', (S) => `{
  "info": { "name": "Billing API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
  "item": [
    {
      "name": "List invoices",
      "request": {
        "method": "GET",
        "header": [
          { "key": "Authorization", "value": "Bearer ${S('stripe-secret-key', g.stripe.secret())}" }
        ],
        "url": "https://api.stripe.com/v1/invoices"
      }
    }
  ]
}
`],
  ['misc/session.har', (S) => `{
  "log": {
    "version": "1.2",
    "entries": [
      {
        "request": {
          "method": "GET",
          "url": "https://app.example-corp.net/api/me",
          "headers": [
            { "name": "Cookie", "value": "session=${S('jwt-session-cookie', g.jwt({ sub: g.uuid(), email: 'j.doe@example-corp.net', exp: 1893456000 }))}" },
            { "name": "x-api-key", "value": "${S('generic-api-key', g.alnum(40))}" }
          ]
        }
      }
    ]
  }
}
`],
  ['serverless/serverless.yml', (S) => `service: thumbnails
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    MONGODB_URI: ${S('mongodb-srv-url-password', `mongodb+srv://thumbs:${g.urlPassword()}@cluster1.${g.lower(5)}.mongodb.net/thumbs`)}
    SLACK_SIGNING_SECRET: ${S('slack-signing-secret', g.hex(32))}
functions:
  resize:
    handler: handler.resize
`],
  ['home/.gitconfig', (S) => `[user]
\tname = Jane Doe
\temail = jane@example-corp.net
[url "${S('git-url-credentials', `https://jdoe:${g.gh.pat()}@github.com/`)}"]
\tinsteadOf = https://github.com/
`],
  ['windows/.env', (S) => `APP_ENV=production\r\nAZURE_OPENAI_KEY=${S('azure-openai-key', g.hex(32))}\r\nAZURE_OPENAI_ENDPOINT=https://acme-openai.openai.azure.com/\r\nDB_PASSWORD=${S('database-password', g.password())}\r\n`],
  ['azure/function-call.sh', (S) => `#!/bin/sh
curl -X POST "${S('azure-function-key-url', `https://acme-fn.azurewebsites.net/api/ingest?code=${g.b64url(54)}==`)}" -d @payload.json
`],
  ['misc/vscode-settings.json', (S) => `{
  "editor.formatOnSave": true,
  "sqltools.connections": [
    {
      "name": "prod",
      "driver": "PostgreSQL",
      "server": "pg.example-corp.net",
      "username": "admin",
      "password": "${S('database-password', g.password())}"
    }
  ],
  "github.copilot.advanced": { "authToken": "${S('github-oauth-token', g.gh.oauth())}" }
}
`],
  ['scala/src/main/resources/application.conf', (S) => `akka {
  loglevel = INFO
}
db {
  url = "jdbc:postgresql://pg.example-corp.net/events"
  user = "events"
  password = "${S('database-password', g.password())}"
}
kafka.sasl.jaas.config = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\\"${g.pick(g.UPPER + g.DIGITS, 16)}\\" password=\\"${S('confluent-api-secret', g.b64chars(64))}\\";"
`],
];
