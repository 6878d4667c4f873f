require "octokit"

client = Octokit::Client.new(access_token: "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")
client.auto_paginate = true
