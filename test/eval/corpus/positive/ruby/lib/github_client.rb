require "octokit"

client = Octokit::Client.new(access_token: "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")
client.auto_paginate = true
