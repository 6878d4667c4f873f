#!/usr/bin/env bash
set -euo pipefail

API="https://api.acme.io/v2"
TOKEN="s9QlNoNhpDPpShwBud89kiFTktXf9FrBcwSVM03I"

curl -fsS -H "Authorization: Bearer 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" https://api.github.com/repos/acme/site/deployments
curl -fsS -u deploy:IMl3S32N3YuOsuKS9 "$API/releases" -d @release.json
curl -s -X POST https://api.digitalocean.com/v2/droplets -H "Authorization: Bearer dop_v1_3c87f69f943d587dea6aa1501c7b7e16c936e0f8f2dfe140e369fbeaf082a6bd"
