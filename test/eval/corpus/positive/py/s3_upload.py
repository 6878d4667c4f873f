import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIADSFFUUPZIN3NUVTA",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)


def upload(path: str, key: str) -> None:
    s3.upload_file(path, "acme-uploads", key)
