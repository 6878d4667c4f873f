import requests

MAILGUN_KEY = "key-80a66d6ac5249d28307ad7e03cf3b4c4"


def send(to, subject, body):
    return requests.post(
        "https://api.mailgun.net/v3/mg.acme.io/messages",
        auth=("api", MAILGUN_KEY),
        data={"from": "noreply@acme.io", "to": to, "subject": subject, "text": body},
    )
