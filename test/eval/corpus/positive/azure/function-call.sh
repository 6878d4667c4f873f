#!/bin/sh
curl -X POST "https://acme-fn.azurewebsites.net/api/ingest?code=DRifZtEonKVzEDmiExtgohAR-HPPEfschsurWxf3F8ukhKF7fFzuBR==" -d @payload.json
