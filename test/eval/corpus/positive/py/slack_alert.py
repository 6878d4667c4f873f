from slack_sdk import WebClient

client = WebClient(token="xoxb-901919860378-7528951968795-2xqsZGvfm4HGgnKn9kKk3S4I")
USER_TOKEN = "xoxp-598149997166-404445054950-2275307630041-083894cf3fdf890ad1771cbd6c876075"


def alert(text):
    client.chat_postMessage(channel="#ops", text=text)
