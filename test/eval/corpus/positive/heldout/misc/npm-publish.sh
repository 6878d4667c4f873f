#!/bin/sh
npm config set //registry.npmjs.org/:_authToken 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
npm publish --access public
