import requests

MAILGUN_KEY = "key-3d9fa6451518b942836d2d02ebb7fe5f"


def send(to, subject, body):
    return requests.post(
        "https://api.mailgun.net/v3/mg.acme.io/messages",
        auth=("api", MAILGUN_KEY),
        data={"from": "noreply@acme.io", "to": to, "subject": subject, "text": body},
    )
