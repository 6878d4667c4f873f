require "octokit"

client = Octokit::Client.new(access_token: "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")
client.auto_paginate = true
