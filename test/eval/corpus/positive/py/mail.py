import requests

MAILGUN_KEY = "key-ddae7bf4b26685906d0fb7ea4bf55821"


def send(to, subject, body):
    return requests.post(
        "https://api.mailgun.net/v3/mg.acme.io/messages",
        auth=("api", MAILGUN_KEY),
        data={"from": "noreply@acme.io", "to": to, "subject": subject, "text": body},
    )
