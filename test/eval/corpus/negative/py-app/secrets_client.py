import os
import boto3


def get_secret(name: str) -> str:
    client = boto3.client("secretsmanager", region_name=os.environ["AWS_REGION"])
    response = client.get_secret_value(SecretId=name)
    return response["SecretString"]


api_key = get_secret("prod/api_key")
password = os.environ.get("SMTP_PASSWORD")
token = None  # filled in at runtime
