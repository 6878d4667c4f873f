CONFIG = {
    "aws_access_key_id": "AKIAXV6RNN356YOXEZGO",
    "aws_secret_access_key": "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",
    "bucket": "acme-exports",
}
