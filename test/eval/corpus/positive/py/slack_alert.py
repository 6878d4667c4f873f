from slack_sdk import WebClient

client = WebClient(token="xoxb-450345957770-3545860622146-OzM0SEuwhsMmamXTSPHgR1rs")
USER_TOKEN = "xoxp-679741295549-697689061374-4663009227424-a9236df0045c20ab0bf24d35d30f0721"


def alert(text):
    client.chat_postMessage(channel="#ops", text=text)
