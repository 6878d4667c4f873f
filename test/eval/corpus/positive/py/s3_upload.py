import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAYYZCJN6XJVHSMSRE",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)


def upload(path: str, key: str) -> None:
    s3.upload_file(path, "acme-uploads", key)
