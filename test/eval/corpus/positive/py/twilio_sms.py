from twilio.rest import Client

account_sid = "AC2a587d883e535fa40fce0bff5d8953c1"
auth_token = "6f0a15919fcb26026fe625fcdcb1c997"
client = Client(account_sid, auth_token)
api_key_sid = "SKcdfee75ad1e64204e5304fa7b56edef5"
