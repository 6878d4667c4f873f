#!/bin/sh
# Reads the token from the credential helper; nothing is stored here.
TOKEN="$(pass show registry/token)"
echo "$TOKEN" | docker login ghcr.io -u "$GITHUB_ACTOR" --password-stdin
