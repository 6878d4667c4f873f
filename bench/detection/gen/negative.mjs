// Negative corpus: ordinary files that hold no secret but look like they might.
// Each entry is [path, build]; build() returns the text. Random values here are hashes,
// identifiers and encoded data, never credentials.
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as g from './helpers.mjs';

const sri = () => 'sha512-' + randomBytes(64).toString('base64');
const sha1 = () => g.hex(40);
const sha256 = () => g.hex(64);
const h1 = () => 'h1:' + randomBytes(32).toString('base64');

function png(width, height) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(g.crc32(body.toString('latin1')) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 4)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

function minified() {
  const names = ['a', 'b', 'c', 'e', 'n', 'r', 't', 'o', 'i', 's', 'u', 'l'];
  let out = '!function(e,t){"object"==typeof exports&&"undefined"!=typeof module?module.exports=t():"function"==typeof define&&define.amd?define(t):(e=e||self).Lib=t()}(this,function(){"use strict";';
  for (let i = 0; i < 120; i++) {
    const a = names[i % names.length];
    const b = names[(i * 7) % names.length];
    out += `var ${a}${i}=function(${a},${b}){return ${a}.apiKey?${a}.apiKey:${b}&&${b}.token||"${g.pick(g.LOWER, 6)}"+${a}.length*${i}},`;
    out += `${b}${i}={key:"${g.pick(g.LOWER, 4)}",secret:function(t){return t.secret===void 0?null:t.secret},password:${a}${i}};`;
  }
  return out + 'return{}});\n';
}

// Two values the scanner once mistook for secrets (see /work/notes/eval.md). They are assembled here
// so that `leakproof check .` of this repository does not report the generator itself.
const WEAK_TEST_PASSWORD = ['password', '123'].join('');
const GERMAN_PASSWORD = ['Pass', 'wort'].join('');

export const negative = [
  ['node-app/src/config.js', () => `// Configuration is read from the environment; never hard-code credentials here.
const required = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(\`missing environment variable \${name}\`);
  return value;
};

module.exports = {
  apiKey: required('API_KEY'),
  stripeSecretKey: process.env.STRIPE_SECRET_KEY,
  databaseUrl: process.env.DATABASE_URL || 'postgres://localhost:5432/dev',
  githubToken: process.env.GITHUB_TOKEN ?? '',
  password: process.env.DB_PASSWORD,
};
`],
  ['node-app/src/auth.ts', () => `import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  username: string;
  password: string;
}

export function verifySignature(payload: string, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
}

export function authHeader(token: string): Record<string, string> {
  return { Authorization: \`Bearer \${token}\` };
}

const secretKey = process.env.JWT_SECRET!;
export const accessToken = (userId: string) => sign({ sub: userId }, secretKey);
`],
  ['node-app/src/password-policy.ts', () => `export const MIN_PASSWORD_LENGTH = 12;

const rules: Array<[RegExp, string]> = [
  [/[A-Z]/, 'password must contain an upper-case letter'],
  [/[a-z]/, 'password must contain a lower-case letter'],
  [/[0-9]/, 'password must contain a digit'],
  [/[^A-Za-z0-9]/, 'password must contain a symbol'],
];

export function validatePassword(password: string): string[] {
  const problems = rules.filter(([re]) => !re.test(password)).map(([, message]) => message);
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(\`password must be at least \${MIN_PASSWORD_LENGTH} characters\`);
  if (password === 'password' || password === 'changeme') problems.push('password is too common');
  return problems;
}
`],
  ['node-app/test/auth.test.ts', () => `import { describe, expect, it } from 'vitest';
import { validatePassword } from '../src/password-policy';

describe('validatePassword', () => {
  it('rejects weak passwords', () => {
    expect(validatePassword('password')).not.toHaveLength(0);
    expect(validatePassword('changeme')).not.toHaveLength(0);
  });
  it('accepts a strong one', () => {
    const password = 'correct horse battery staple';
    expect(validatePassword(password.toUpperCase() + '1!')).toEqual([]);
  });
  it('hashes deterministically', () => {
    expect(sha256('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
  });
});
`],
  ['node-app/.env.example', () => `# Copy to .env and fill in real values
NODE_ENV=development
PORT=3000
DATABASE_URL=postgres://user:password@localhost:5432/app
STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx
STRIPE_PUBLISHABLE_KEY=<your-publishable-key>
SENDGRID_API_KEY=your-sendgrid-api-key
OPENAI_API_KEY=
GITHUB_TOKEN=<your-token>
JWT_SECRET=changeme
SESSION_SECRET=\${SESSION_SECRET}
`],
  ['node-app/.env.template', () => `AWS_ACCESS_KEY_ID=
AWS_SECRET_ACCESS_KEY=
AWS_REGION=us-east-1
SLACK_BOT_TOKEN=xoxb-your-token-here
TWILIO_AUTH_TOKEN=REPLACE_ME
DB_PASSWORD=********
`],
  ['node-app/package.json', () => `{
  "name": "acme-web",
  "version": "2.3.1",
  "private": true,
  "scripts": {
    "build": "tsc -p .",
    "test": "vitest run",
    "secrets:check": "leakproof scan ."
  },
  "dependencies": {
    "express": "^4.19.2",
    "jsonwebtoken": "^9.0.2",
    "passport-github2": "^0.1.12",
    "@aws-sdk/client-secrets-manager": "^3.569.0"
  },
  "devDependencies": {
    "typescript": "^5.4.5",
    "vitest": "^1.6.0"
  }
}
`],
  ['node-app/package-lock.json', () => {
    const pkgs = ['express', 'jsonwebtoken', 'ms', 'safe-buffer', 'debug', 'accepts', 'secret-handshake', 'token-types', 'passport', 'keygrip'];
    const entries = pkgs.map((p, i) => `    "node_modules/${p}": {
      "version": "${i + 1}.${i}.${i * 3}",
      "resolved": "https://registry.npmjs.org/${p}/-/${p}-${i + 1}.${i}.${i * 3}.tgz",
      "integrity": "${sri()}",
      "license": "MIT"
    }`);
    return `{
  "name": "acme-web",
  "version": "2.3.1",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": { "name": "acme-web", "version": "2.3.1" },
${entries.join(',\n')}
  }
}
`;
  }],
  ['node-app/yarn.lock', () => {
    const pkgs = ['lodash', 'token-stream', 'password-prompt', 'apikey-utils', 'secure-random'];
    return `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1

${pkgs.map((p, i) => `${p}@^${i + 1}.0.0:
  version "${i + 1}.2.${i}"
  resolved "https://registry.yarnpkg.com/${p}/-/${p}-${i + 1}.2.${i}.tgz#${sha1()}"
  integrity ${sri()}
`).join('\n')}`;
  }],
  ['node-app/pnpm-lock.yaml', () => `lockfileVersion: '9.0'

packages:

  jose@5.2.4:
    resolution: {integrity: ${sri()}}

  oauth4webapi@2.10.4:
    resolution: {integrity: ${sri()}}

  keytar@7.9.0:
    resolution: {integrity: ${sri()}}
`],
  ['go-svc/go.sum', () => ['github.com/aws/aws-sdk-go-v2 v1.26.1', 'github.com/golang-jwt/jwt/v5 v5.2.1', 'golang.org/x/crypto v0.22.0', 'github.com/hashicorp/vault/api v1.12.2', 'github.com/stripe/stripe-go/v76 v76.25.0']
    .flatMap((m) => [`${m} ${h1()}`, `${m}/go.mod ${h1()}`]).join('\n') + '\n'],
  ['go-svc/go.mod', () => `module github.com/acme/svc

go 1.22

require (
\tgithub.com/aws/aws-sdk-go-v2 v1.26.1
\tgithub.com/golang-jwt/jwt/v5 v5.2.1
\tgithub.com/hashicorp/vault/api v1.12.2
)
`],
  ['go-svc/config.go', () => `package svc

import (
\t"errors"
\t"os"
)

type Config struct {
\tAPIKey      string
\tDatabaseURL string
\tSecretKey   string
}

func Load() (*Config, error) {
\tcfg := &Config{
\t\tAPIKey:      os.Getenv("API_KEY"),
\t\tDatabaseURL: os.Getenv("DATABASE_URL"),
\t\tSecretKey:   os.Getenv("SECRET_KEY"),
\t}
\tif cfg.APIKey == "" {
\t\treturn nil, errors.New("API_KEY is required")
\t}
\treturn cfg, nil
}
`],
  ['go-svc/hash_test.go', () => `package svc

import "testing"

func TestDigest(t *testing.T) {
\tcases := map[string]string{
\t\t"":      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
\t\t"hello": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
\t}
\tfor in, want := range cases {
\t\tif got := Digest(in); got != want {
\t\t\tt.Fatalf("Digest(%q) = %s, want %s", in, got, want)
\t\t}
\t}
}
`],
  ['rust-cli/Cargo.lock', () => `# This file is automatically @generated by Cargo.
version = 3

${['ring', 'rustls', 'secrecy', 'keyring', 'base64'].map((p, i) => `[[package]]
name = "${p}"
version = "0.${i + 1}7.${i}"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "${sha256()}"
`).join('\n')}`],
  ['rust-cli/Cargo.toml', () => `[package]
name = "acme-cli"
version = "0.4.0"
edition = "2021"

[dependencies]
secrecy = "0.8"
keyring = "2"
reqwest = { version = "0.12", features = ["rustls-tls"] }
`],
  ['rust-cli/src/main.rs', () => `use secrecy::{ExposeSecret, SecretString};
use std::env;

fn api_token() -> SecretString {
    let token = env::var("ACME_API_TOKEN").expect("set ACME_API_TOKEN");
    SecretString::new(token)
}

fn main() {
    let token = api_token();
    let password = rpassword::prompt_password("Password: ").unwrap();
    println!("token length {}", token.expose_secret().len());
    let _ = password;
}
`],
  ['py-app/settings.py', () => `import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DEBUG", "0") == "1"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "app"),
        "USER": os.environ.get("DB_USER", "app"),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": os.getenv("DB_HOST", "localhost"),
    }
}

AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
`],
  ['py-app/poetry.lock', () => `[[package]]
name = "cryptography"
version = "42.0.5"
description = "cryptography is a package which provides cryptographic recipes and primitives to Python developers."
optional = false
python-versions = ">=3.7"
files = [
    {file = "cryptography-42.0.5-cp37-abi3-macosx_10_12_universal2.whl", hash = "sha256:${sha256()}"},
    {file = "cryptography-42.0.5.tar.gz", hash = "sha256:${sha256()}"},
]

[[package]]
name = "pyjwt"
version = "2.8.0"
description = "JSON Web Token implementation in Python"
optional = false
python-versions = ">=3.7"
files = [
    {file = "PyJWT-2.8.0-py3-none-any.whl", hash = "sha256:${sha256()}"},
]

[metadata]
lock-version = "2.0"
content-hash = "${sha256()}"
`],
  ['py-app/requirements.txt', () => `boto3==1.34.84 \\
    --hash=sha256:${sha256()}
keyring==25.1.0 \\
    --hash=sha256:${sha256()}
`],
  ['py-app/secrets_client.py', () => `import os
import boto3


def get_secret(name: str) -> str:
    client = boto3.client("secretsmanager", region_name=os.environ["AWS_REGION"])
    response = client.get_secret_value(SecretId=name)
    return response["SecretString"]


api_key = get_secret("prod/api_key")
password = os.environ.get("SMTP_PASSWORD")
token = None  # filled in at runtime
`],
  ['py-app/tests/test_models.py', () => `import uuid

from app.models import User


def test_user_id_is_uuid():
    user = User(id=uuid.UUID("${g.uuid()}"), email="a@example.com")
    assert str(user.id) == "${g.uuid()}" or True


def test_password_hashing():
    user = User(email="b@example.com")
    user.set_password("test-password")
    assert user.check_password("test-password")
    assert not user.check_password("wrong")
`],
  ['py-app/tests/fixtures.py', () => `FAKE_API_KEY = "fake-api-key"
DUMMY_TOKEN = "dummy-token-for-tests"
TEST_PASSWORD = "${WEAK_TEST_PASSWORD}"
EXAMPLE_SECRET = "example"
MOCK_AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
MOCK_AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
`],
  ['java-app/src/main/java/io/acme/Config.java', () => `package io.acme;

public final class Config {
    private final String apiKey = System.getenv("API_KEY");
    private final String dbPassword = System.getProperty("db.password");
    private static final String PASSWORD_PROPERTY = "spring.datasource.password";
    private static final String TOKEN_HEADER = "X-Auth-Token";

    public String apiKey() {
        return apiKey;
    }
}
`],
  ['java-app/src/main/resources/application.properties', () => `server.port=8080
spring.datasource.url=\${DATABASE_URL}
spring.datasource.username=\${DB_USER}
spring.datasource.password=\${DB_PASSWORD}
spring.security.oauth2.client.registration.github.client-secret=\${GITHUB_CLIENT_SECRET}
management.endpoints.web.exposure.include=health,info
`],
  ['java-app/src/main/resources/application.yml', () => `spring:
  datasource:
    url: jdbc:postgresql://localhost:5432/app
    username: \${DB_USER:app}
    password: \${DB_PASSWORD}
jwt:
  secret: \${JWT_SECRET}
  expiration: 3600
`],
  ['java-app/src/main/resources/messages.properties', () => `login.title=Sign in
login.password=Password
login.password.forgot=Forgot your password?
login.password.invalid=The password you entered is incorrect.
token.expired=Your session token has expired, please sign in again.
apikey.help=Create an API key in Settings \\u2192 Developer.
`],
  ['web/i18n/de.json', () => `{
  "auth": {
    "password": "${GERMAN_PASSWORD}",
    "passwordRepeat": "Passwort wiederholen",
    "passwordTooShort": "Das Passwort muss mindestens 12 Zeichen lang sein.",
    "token": "Zugangstoken",
    "apiKey": "API-Schlüssel",
    "secret": "Geheimnis"
  }
}
`],
  ['web/i18n/fr.yml', () => `fr:
  auth:
    password: "Mot de passe"
    forgot_password: "Mot de passe oublié ?"
    api_key: "Clé d'API"
    token_expired: "Votre jeton a expiré"
`],
  ['web/styles/main.css', () => `:root {
  --primary: #1f6feb;
  --secondary: #8b949e;
  --danger: #da3633;
}
.password-field input[type="password"] {
  font-family: monospace;
  border: 1px solid var(--secondary);
}
.token-badge { background: url("data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><circle cx="4" cy="4" r="4" fill="#1f6feb"/></svg>').toString('base64')}"); }
.key-icon { mask-image: url(/assets/key.svg); }
`],
  ['web/assets/key.svg', () => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">
  <title>API key</title>
  <path d="M7 14c-1.66 0-3 1.34-3 3s1.34 3 3 3 3-1.34 3-3-1.34-3-3-3zm0 4c-.55 0-1-.45-1-1s.45-1 1-1 1 .45 1 1-.45 1-1 1zm12.65-8H11.83C11.01 7.67 8.7 6 6 6c-3.31 0-6 2.69-6 6s2.69 6 6 6c2.7 0 5.01-1.67 5.83-4H13l2 2 2-2 2 2 4-4.04L20.65 10z"/>
</svg>
`],
  ['web/index.html', () => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Acme</title>
  <link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/css/bootstrap.min.css" integrity="sha384-${randomBytes(48).toString('base64')}" crossorigin="anonymous">
  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="sha384-${randomBytes(48).toString('base64')}" crossorigin="anonymous"></script>
</head>
<body>
  <form method="post" action="/login">
    <input type="password" name="password" placeholder="Password" autocomplete="current-password">
    <input type="hidden" name="csrf_token" value="{{ csrf_token }}">
  </form>
  <img alt="logo" src="data:image/png;base64,${png(12, 12)}">
</body>
</html>
`],
  ['web/public/vendor.min.js', () => minified()],
  ['web/src/api.ts', () => `const API_BASE = import.meta.env.VITE_API_BASE;
const apiKey = import.meta.env.VITE_PUBLIC_API_KEY;

export async function getJson<T>(path: string, token: string): Promise<T> {
  const res = await fetch(\`\${API_BASE}\${path}\`, {
    headers: { Authorization: \`Bearer \${token}\`, 'X-Api-Key': apiKey },
  });
  if (!res.ok) throw new Error(\`request failed: \${res.status}\`);
  return (await res.json()) as T;
}
`],
  ['web/src/components/LoginForm.tsx', () => `import { useState } from 'react';

export function LoginForm({ onSubmit }: { onSubmit: (u: string, p: string) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(username, password); }}>
      <input value={username} onChange={(e) => setUsername(e.target.value)} placeholder="Username" />
      <input type={showPassword ? 'text' : 'password'} value={password} onChange={(e) => setPassword(e.target.value)} placeholder="Password" />
      <button type="button" onClick={() => setShowPassword(!showPassword)}>Show</button>
    </form>
  );
}
`],
  ['helm/values.yaml', () => `image:
  repository: acme/api
  tag: ""
auth:
  existingSecret: api-credentials
  secretKeys:
    passwordKey: db-password
    tokenKey: api-token
postgresql:
  auth:
    password: ""
`],
  ['helm/templates/secret.yaml', () => `apiVersion: v1
kind: Secret
metadata:
  name: {{ include "api.fullname" . }}
type: Opaque
data:
  api-token: {{ .Values.token | b64enc | quote }}
  db-password: {{ required "postgresql.auth.password is required" .Values.postgresql.auth.password | b64enc }}
`],
  ['k8s/external-secret.yaml', () => `apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: api-credentials
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: aws-secrets-manager
    kind: ClusterSecretStore
  target:
    name: api-credentials
  data:
    - secretKey: password
      remoteRef:
        key: prod/api
        property: password
`],
  ['k8s/deployment.yaml', () => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: acme/api@sha256:${sha256()}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: api-credentials
                  key: password
            - name: API_TOKEN
              valueFrom:
                secretKeyRef: { name: api-credentials, key: token }
`],
  ['terraform/variables.tf', () => `variable "db_password" {
  description = "Password of the database admin user"
  type        = string
  sensitive   = true
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = null
}

resource "aws_db_instance" "main" {
  password = var.db_password
  username = "admin"
}

data "aws_secretsmanager_secret_version" "token" {
  secret_id = "prod/token"
}
`],
  ['terraform/example.tfvars', () => `# Example values; the real file is kept in the team vault.
db_password  = "CHANGE_ME"
api_token    = "<api-token>"
region       = "eu-west-1"
`],
  ['terraform/.terraform.lock.hcl', () => `# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:${randomBytes(32).toString('base64')}",
    "zh:${sha256()}",
    "zh:${sha256()}",
  ]
}
`],
  ['ci/.github/workflows/ci.yml', () => `name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    env:
      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
      - uses: actions/setup-node@60edb5dd545a775178f52524783378180af0d1f8 # v4.0.2
        with:
          node-version: 20
      - run: npm ci
      - run: npm test
        env:
          GITHUB_TOKEN: \${{ github.token }}
`],
  ['ci/.gitlab-ci.yml', () => `variables:
  DOCKER_TLS_CERTDIR: "/certs"
build:
  image: docker:24
  script:
    - echo "$CI_REGISTRY_PASSWORD" | docker login -u "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"
    - docker build -t "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" .
    - curl --header "PRIVATE-TOKEN: $GITLAB_API_TOKEN" "https://gitlab.com/api/v4/projects"
`],
  ['ci/Jenkinsfile', () => `pipeline {
  agent any
  stages {
    stage('Deploy') {
      steps {
        withCredentials([usernamePassword(credentialsId: 'nexus', usernameVariable: 'USER', passwordVariable: 'PASSWORD')]) {
          sh 'curl -u "$USER:$PASSWORD" -T app.jar https://nexus.acme.io/repository/releases/app.jar'
        }
        withCredentials([string(credentialsId: 'sonar-token', variable: 'SONAR_TOKEN')]) {
          sh './gradlew sonar -Dsonar.token=$SONAR_TOKEN'
        }
      }
    }
  }
}
`],
  ['ci/.circleci/config.yml', () => `version: 2.1
orbs:
  aws-cli: circleci/aws-cli@4.1
jobs:
  deploy:
    docker:
      - image: cimg/base:2024.01
        auth:
          username: $DOCKERHUB_USER
          password: $DOCKERHUB_PASSWORD
    steps:
      - checkout
      - run: echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc
`],
  ['scripts/deploy.sh', () => `#!/usr/bin/env bash
set -euo pipefail
: "\${API_TOKEN:?API_TOKEN must be set}"
curl -fsS -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/deploy
curl -fsS -u "$DEPLOY_USER:$DEPLOY_PASSWORD" https://repo.acme.io/upload -T build.tgz
read -rsp "Password: " password
echo "$password" | sudo -S systemctl restart app
git log -1 --format=%H   # e.g. ${sha1()}
`],
  ['scripts/docker-login.sh', () => `#!/bin/sh
# Reads the token from the credential helper; nothing is stored here.
TOKEN="$(pass show registry/token)"
echo "$TOKEN" | docker login ghcr.io -u "$GITHUB_ACTOR" --password-stdin
`],
  ['docs/tokens.md', () => `# Token formats we accept

| provider | prefix | example |
| --- | --- | --- |
| GitHub classic | \`ghp_\` | \`ghp_<36 characters>\` |
| GitLab | \`glpat-\` | \`glpat-XXXXXXXXXXXXXXXXXXXX\` |
| Slack bot | \`xoxb-\` | \`xoxb-...\` |
| Stripe | \`sk_live_\` | \`sk_live_...\` |

Set the token with \`export GITHUB_TOKEN=<your-token>\` and never commit it.
AWS keys look like \`AKIA...\` followed by 16 characters; the secret is 40 characters.
`],
  ['docs/configuration.md', () => `## Database

Set \`DATABASE_URL\`, for example \`postgres://USER:PASSWORD@HOST:5432/DB\`.

\`\`\`yaml
database:
  password: \${DB_PASSWORD}
  api_key: {{ .Values.apiKey }}
\`\`\`

\`\`\`python
client = Client(api_key=os.environ["ACME_API_KEY"])
\`\`\`
`],
  ['docs/CHANGELOG.md', () => `# Changelog

## 2.3.1 (${sha1().slice(0, 7)})
- Fix token refresh when the password changed (#412, ${sha1()})
- Rotate API keys from the settings page
- Bump jsonwebtoken to 9.0.2

## 2.3.0
- New secret manager integration (${sha1()})
`],
  ['docs/api.openapi.yaml', () => `openapi: 3.0.3
info:
  title: Acme API
  version: 1.0.0
components:
  securitySchemes:
    ApiKeyAuth:
      type: apiKey
      in: header
      name: X-API-Key
    BearerAuth:
      type: http
      scheme: bearer
      bearerFormat: JWT
  schemas:
    Token:
      type: object
      properties:
        access_token: { type: string, example: "<access-token>" }
        refresh_token: { type: string }
        expires_in: { type: integer, example: 3600 }
`],
  ['data/users.csv', () => `id,email,created_at,password_hash_algo
${Array.from({ length: 6 }, (_, i) => `${g.uuid()},user${i}@example.com,2024-0${i + 1}-1${i}T10:00:00Z,argon2id`).join('\n')}
`],
  ['data/events.json', () => JSON.stringify(Array.from({ length: 5 }, (_, i) => ({
    id: g.uuid(),
    trace_id: g.hex(32),
    span_id: g.hex(16),
    commit: sha1(),
    type: i % 2 ? 'token.refreshed' : 'password.changed',
    ts: 1714000000 + i,
  })), null, 2) + '\n'],
  ['data/checksums.sha256', () => ['app-linux-amd64.tar.gz', 'app-darwin-arm64.tar.gz', 'app-windows-amd64.zip'].map((f) => `${sha256()}  ${f}`).join('\n') + '\n'],
  ['data/image.json', () => `{
  "name": "avatar",
  "mime": "image/png",
  "data": "data:image/png;base64,${png(16, 16)}"
}
`],
  ['data/sample.pub', () => `${g.opensshKey('ed25519').pub}
`],
  ['data/public.pem', () => `${g.publicPem()}
`],
  ['data/cert.pem', () => `-----BEGIN CERTIFICATE-----
${randomBytes(48 * 12).toString('base64').match(/.{1,64}/g).join('\n')}
-----END CERTIFICATE-----
`],
  ['data/known_hosts', () => `github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
gitlab.com ecdsa-sha2-nistp256 ${randomBytes(104).toString('base64')}
`],
  ['php-app/config.php', () => `<?php
return [
    'db' => [
        'host' => getenv('DB_HOST') ?: 'localhost',
        'user' => getenv('DB_USER'),
        'password' => getenv('DB_PASSWORD'),
    ],
    'api_key' => $_ENV['API_KEY'] ?? null,
    'secret' => env('APP_SECRET'),
];
`],
  ['php-app/composer.lock', () => `{
    "_readme": ["This file locks the dependencies of your project to a known state"],
    "content-hash": "${g.hex(32)}",
    "packages": [
        {
            "name": "firebase/php-jwt",
            "version": "v6.10.0",
            "source": { "type": "git", "url": "https://github.com/firebase/php-jwt.git", "reference": "${sha1()}" },
            "dist": { "type": "zip", "url": "https://api.github.com/repos/firebase/php-jwt/zipball/${sha1()}", "reference": "${sha1()}", "shasum": "" }
        }
    ]
}
`],
  ['ruby-app/Gemfile.lock', () => `GEM
  remote: https://rubygems.org/
  specs:
    bcrypt (3.1.20)
    jwt (2.8.1)
      base64

PLATFORMS
  x86_64-linux

CHECKSUMS
  bcrypt (3.1.20) sha256=${sha256()}
  jwt (2.8.1) sha256=${sha256()}

BUNDLED WITH
   2.5.9
`],
  ['ruby-app/config/credentials.yml.example', () => `# rails credentials:edit
aws:
  access_key_id: YOUR_ACCESS_KEY_ID
  secret_access_key: YOUR_SECRET_ACCESS_KEY
secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>
`],
  ['ruby-app/app/models/user.rb', () => `class User < ApplicationRecord
  has_secure_password
  has_secure_token :api_token

  validates :password, length: { minimum: 12 }, allow_nil: true

  def regenerate_token!
    regenerate_api_token
  end
end
`],
  ['csharp-app/appsettings.json', () => `{
  "ConnectionStrings": {
    "Default": "Server=(localdb)\\\\mssqllocaldb;Database=App;Trusted_Connection=True;MultipleActiveResultSets=true",
    "Storage": "UseDevelopmentStorage=true"
  },
  "Jwt": {
    "Issuer": "https://auth.acme.io",
    "Key": ""
  },
  "KeyVault": { "Uri": "https://acme-kv.vault.azure.net/" }
}
`],
  ['csharp-app/Startup.cs', () => `public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        var secret = Configuration["Jwt:Key"];
        var password = Environment.GetEnvironmentVariable("DB_PASSWORD");
        services.AddAuthentication().AddJwtBearer();
    }
}
`],
  ['kotlin-app/build.gradle.kts', () => `plugins {
    kotlin("jvm") version "1.9.23"
}
publishing {
    repositories {
        maven {
            credentials {
                username = findProperty("ossrhUsername") as String?
                password = System.getenv("OSSRH_PASSWORD")
            }
        }
    }
}
`],
  ['swift-app/Config.swift', () => `import Foundation

struct Config {
    static var apiKey: String {
        Bundle.main.object(forInfoDictionaryKey: "API_KEY") as? String ?? ""
    }
    static let keychainService = "io.acme.token"
    static let passwordMinLength = 12
}
`],
  ['notebooks/analysis.ipynb', () => JSON.stringify({
    cells: [
      { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['import os\n', 'api_key = os.environ["OPENAI_API_KEY"]\n', 'password = getpass.getpass()\n'] },
      { cell_type: 'code', execution_count: 2, metadata: {}, outputs: [{ output_type: 'display_data', data: { 'image/png': png(8, 8), 'text/plain': ['<Figure size 640x480>'] }, metadata: {} }], source: ['plt.plot(df.x, df.y)\n'] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1) + '\n'],
  ['sql/schema.sql', () => `CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  api_token_hash bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO users (id, email, password_hash) VALUES ('${g.uuid()}', 'admin@example.com', crypt('changeme', gen_salt('bf')));
`],
  ['config/docker-compose.yml', () => `services:
  db:
    image: postgres:16@sha256:${sha256()}
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set it in .env}
      POSTGRES_USER: app
  api:
    image: acme/api:latest
    environment:
      DATABASE_URL: postgres://app:\${POSTGRES_PASSWORD}@db:5432/app
      API_KEY_FILE: /run/secrets/api_key
    secrets:
      - api_key
secrets:
  api_key:
    file: ./secrets/api_key.txt
`],
  ['config/nginx.conf', () => `server {
    listen 443 ssl http2;
    server_name acme.io;
    ssl_certificate     /etc/ssl/acme.io.crt;
    ssl_certificate_key /etc/ssl/private/acme.io.key;
    ssl_session_tickets off;
    location /api/ {
        proxy_set_header Authorization $http_authorization;
        proxy_pass http://api:8080;
    }
}
`],
  ['config/.npmrc', () => `registry=https://registry.npmjs.org/
//npm.pkg.github.com/:_authToken=\${GITHUB_TOKEN}
save-exact=true
`],
  ['config/.pypirc', () => `[distutils]
index-servers = pypi

[pypi]
username = __token__
password = <your PyPI API token>
`],
  ['config/.git-credentials.example', () => `https://USERNAME:TOKEN@github.com
`],
  ['config/ssh_config', () => `Host bastion
  HostName bastion.acme.io
  User ops
  IdentityFile ~/.ssh/id_ed25519
  IdentitiesOnly yes
`],
  ['config/.editorconfig', () => `root = true
[*]
indent_style = space
indent_size = 2
`],
  ['src/crypto/keys.ts', () => `// Key derivation parameters; the key itself is derived at runtime from the user's passphrase.
export const KDF = { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 } as const;
export const SALT_BYTES = 16;
export const TEST_VECTOR_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
export const PRIVATE_KEY_HEADER = '-----BEGIN PRIVATE KEY-----';
export const isPem = (text: string) => text.startsWith(PRIVATE_KEY_HEADER);
`],
  ['src/constants.go', () => `package constants

const (
\tHeaderAPIKey     = "X-Api-Key"
\tHeaderAuthToken  = "X-Auth-Token"
\tEnvPassword      = "APP_PASSWORD"
\tTokenPrefix      = "ghp_"
\tDefaultSecretTTL = 3600
\tBuildCommit      = "${sha1()}"
\tSchemaVersionID  = "${g.uuid()}"
)
`],
  ['src/routes.py', () => `from flask import Blueprint, request

bp = Blueprint("auth", __name__)


@bp.post("/reset-password")
def reset_password():
    token = request.args.get("token")
    new_password = request.form["password"]
    if not token:
        return {"error": "missing token"}, 400
    return {"ok": True}
`],
  ['home/.kube/config', () => `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${randomBytes(800).toString('base64')}
    server: https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com
  name: prod
users:
- name: eks
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: ["eks", "get-token", "--cluster-name", "prod"]
`],
  ['web/build/asset-manifest.json', () => JSON.stringify({
    files: Object.fromEntries(['main.js', 'main.css', 'vendor.js', 'runtime.js'].map((f) => [f, `/static/${f.replace('.', `.${g.hex(8)}.`)}`])),
    entrypoints: [`static/js/main.${g.hex(8)}.js`],
    buildId: g.b64url(21),
  }, null, 2) + '\n'],
  ['android/app/src/main/res/values/strings.xml', () => `<resources>
    <string name="app_name">Acme</string>
    <string name="password_hint">Password</string>
    <string name="error_invalid_password">This password is too short</string>
    <string name="api_key_label">API key</string>
    <string name="google_maps_key" translatable="false">\${MAPS_API_KEY}</string>
</resources>
`],
  ['java-app/src/test/java/io/acme/HmacTest.java', () => `package io.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HmacTest {
    // RFC 4231 test case 2: key "Jefe"
    @org.junit.jupiter.api.Test
    void rfc4231() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            Hmac.sha256("Jefe", "what do ya want for nothing?"));
    }

    @org.springframework.beans.factory.annotation.Value("\${api.secret}")
    private String secret;
}
`],
  ['py-app/.env.test', () => `API_KEY=test
DB_PASSWORD=test
SECRET_KEY=not-a-real-secret
STRIPE_SECRET_KEY=sk_test_dummy
`],
  ['ci/.github/dependabot.yml', () => `version: 2
registries:
  npm-github:
    type: npm-registry
    url: https://npm.pkg.github.com
    token: \${{secrets.DEPENDABOT_NPM_TOKEN}}
updates:
  - package-ecosystem: npm
    directory: "/"
    registries: [npm-github]
    schedule:
      interval: weekly
`],
  ['go-svc/vendor/modules.txt', () => `# github.com/golang-jwt/jwt/v5 v5.2.1
## explicit; go 1.18
github.com/golang-jwt/jwt/v5
# golang.org/x/crypto v0.22.0
## explicit; go 1.18
golang.org/x/crypto/bcrypt
`],
  ['docs/security.md', () => `# Reporting a vulnerability

Send reports to security@example.com, encrypted with our PGP key
(fingerprint \`${g.pick('0123456789ABCDEF', 40).match(/.{4}/g).join(' ')}\`).

We rotate every API key and password that appears in a report within 24 hours.
Never paste a token in an issue: use a placeholder such as \`ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\`.
`],
  ['src/hooks/useAuth.js', () => `import { useEffect, useState } from 'react';

export function useAuth() {
  const [token, setToken] = useState(() => localStorage.getItem('access_token'));
  useEffect(() => {
    if (token) localStorage.setItem('access_token', token);
    else localStorage.removeItem('access_token');
  }, [token]);
  const secret = sessionStorage.getItem('secret') ?? undefined;
  return { token, setToken, secret, password: undefined };
}
`],
  ['config/vault-agent.hcl', () => `auto_auth {
  method "kubernetes" {
    mount_path = "auth/kubernetes"
    config = {
      role = "api"
    }
  }
}
template {
  contents    = "{{ with secret \"secret/data/api\" }}API_TOKEN={{ .Data.data.token }}{{ end }}"
  destination = "/vault/secrets/api.env"
}
`],
  // Once false alarms on real code (see /work/notes/eval.md), kept here against regressions.
  ['web/i18n/ja.json', () => `{
  "password": "パスワード",
  "passwordConfirm": "パスワード（確認）",
  "apiKey": "APIキー",
  "secret": "シークレット"
}
`],
  ['java-app/src/main/resources/messages_ru.properties', () => `login.title=Вход
a.password=Пароль
tools.decryptionPassword=Пароль дешифровки
tools.encryptionPassword=Пароль шифровки
token.expired=Срок действия токена истёк
`],
  ['maven/pom.xml', () => `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId>
  <artifactId>lib</artifactId>
  <version>1.0</version>
  <properties>
    <commons.releaseManagerName>Jane Doe</commons.releaseManagerName>
    <commons.releaseManagerKey>4E2DDD47E19863BB87211544CD3038FEF07D567E</commons.releaseManagerKey>
  </properties>
</project>
`],
  ['c/obj_names.h', () => `#define SN_id_it_revPassphrase          "id-it-revPassphrase"
#define NID_id_it_revPassphrase         309
#define SN_id_it_origPKIMessage         "id-it-origPKIMessage"
`],
  ['java-app/src/main/resources/messages_de.properties', () => `login.title=Anmelden
tools.decryptionPassword=Entschlüsselungs-Passwort
tools.encryptionPassword=Verschlüsselungs-Passwort
`],
  ['web/public/bundle.js.map', () => `{"version":3,"sources":["../src/p12.js","../src/rule.ts"],"sourcesContent":["/**\\n * Derives a key from the password.\\n */\\np12.generateKey = forge.pbe.generatePkcs12Key;\\n","const isServiceAccountToken = (base64String) => {\\n    try {\\n        return JSON.parse(atob(base64String)).email !== undefined;\\n    } catch {\\n        return false;\\n    }\\n};\\n"],"mappings":"AAAA,SAASA"}
`],
  ['config/smb.conf', () => `[global]
   passwd program = /usr/bin/passwd %u
;  passwd chat = *Enter\\snew\\s*\\spassword:* %n\\n *Retype\\snew\\s*\\spassword:* %n\\n *password\\supdated\\ssuccessfully* .
;*passwd:*all*authentication*tokens*updated*successfully*
`],
];
