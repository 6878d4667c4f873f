#!/bin/sh
curl -X POST "https://acme-fn.azurewebsites.net/api/ingest?code=bnY0ycRGVqMyyDnQatjIXwXBAYqoS1TxDHiWR9U5J5ruNR4H_eGnqG==" -d @payload.json
