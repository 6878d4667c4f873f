import requests

MAILGUN_KEY = "key-931da8c650d0dae69e635037f42113c1"


def send(to, subject, body):
    return requests.post(
        "https://api.mailgun.net/v3/mg.acme.io/messages",
        auth=("api", MAILGUN_KEY),
        data={"from": "noreply@acme.io", "to": to, "subject": subject, "text": body},
    )
