#!/bin/sh
curl -X POST "https://acme-fn.azurewebsites.net/api/ingest?code=YxvMIJ3eQVpvW67uoF-AsECOBxre-_B023mI-mkUHFTqkusjMIhLlc==" -d @payload.json
