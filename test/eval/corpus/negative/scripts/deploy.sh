#!/usr/bin/env bash
set -euo pipefail
: "${API_TOKEN:?API_TOKEN must be set}"
curl -fsS -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/deploy
curl -fsS -u "$DEPLOY_USER:$DEPLOY_PASSWORD" https://repo.acme.io/upload -T build.tgz
read -rsp "Password: " password
echo "$password" | sudo -S systemctl restart app
git log -1 --format=%H   # e.g. 8f7fe2486f10aa677ceb6f017091b77601f161a4
