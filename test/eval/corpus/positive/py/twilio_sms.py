from twilio.rest import Client

account_sid = "AC38856814a467cf1f28f599ca8e39c0e1"
auth_token = "c330e6b619f552bf0357edca3e5ef027"
client = Client(account_sid, auth_token)
api_key_sid = "SK58bf7e9584990101bffff639a5a161f7"
