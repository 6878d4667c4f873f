from slack_sdk import WebClient

client = WebClient(token="xoxb-813200140326-7600297421489-sJuqPhjxo8hdx7y5HoOpg494")
USER_TOKEN = "xoxp-668937337909-445585842053-5169368628039-6578bdfcf72f3fb5f6a224c6adae84fc"


def alert(text):
    client.chat_postMessage(channel="#ops", text=text)
