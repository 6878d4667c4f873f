from slack_sdk import WebClient

client = WebClient(token="xoxb-197438797266-9549888732722-JYULwsLo8K0obSScVJ4jABki")
USER_TOKEN = "xoxp-516680840625-838366417844-5807063257149-28141fd522abc79b511fa76e63d28d88"


def alert(text):
    client.chat_postMessage(channel="#ops", text=text)
