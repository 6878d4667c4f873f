#!/usr/bin/env bash
set -euo pipefail

API="https://api.acme.io/v2"
TOKEN="FYSn0nP3Ru8ltr1IOJKavykMTA3p5dt3TMSV0Ade"

curl -fsS -H "Authorization: Bearer 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" https://api.github.com/repos/acme/site/deployments
curl -fsS -u deploy:OwAithwSw220ev13 "$API/releases" -d @release.json
curl -s -X POST https://api.digitalocean.com/v2/droplets -H "Authorization: Bearer dop_v1_e56b33079ff23e744cb98736110c262f9c0bb7f3a607557d378abd603dfb53ab"
