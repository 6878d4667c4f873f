import requests

WEBHOOK = "https://chat.googleapis.com/v1/spaces/AAAA0oJam7c/messages?key=AIzaSy7LO5Y14VpQfhGZqOKGSgWkB-jBK-wVzoE&token=GPei4FIrwpDjuhEZkm-oVtqAigblHdSjgQdyFgLBVBB%3D"
requests.post(WEBHOOK, json={"text": "build finished"})
