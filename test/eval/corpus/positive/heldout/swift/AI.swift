import OpenAI

let client = OpenAI(apiToken: "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")
