import boto3

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIARYWPESER3FKTT27M",
    aws_secret_access_key="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",
    region_name="eu-west-1",
)


def upload(path: str, key: str) -> None:
    s3.upload_file(path, "acme-uploads", key)
