CONFIG = {
    "aws_access_key_id": "AKIAOILQV467J5VDXM25",
    "aws_secret_access_key": "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",
    "bucket": "acme-exports",
}
