#!/usr/bin/env bash
set -euo pipefail

API="https://api.acme.io/v2"
TOKEN="5GkLxD9vkJxrT56NFfxYpHucEzYiSqcxN8yveCOI"

curl -fsS -H "Authorization: Bearer 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" https://api.github.com/repos/acme/site/deployments
curl -fsS -u deploy:TTWyFdRXNH4ePjWanEN3 "$API/releases" -d @release.json
curl -s -X POST https://api.digitalocean.com/v2/droplets -H "Authorization: Bearer dop_v1_944438040cf4dcbb82efa2d8f131ec4b07b76eca8beab93f1a526f639ea338be"
