import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAZFHAZETR6TV5J6JW",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)


def upload(path: str, key: str) -> None:
    s3.upload_file(path, "acme-uploads", key)
