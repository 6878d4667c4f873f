from twilio.rest import Client

account_sid = "AC5eff4a055dd2a93837c914e5eab34ed7"
auth_token = "1f49b13a030d75fef3ae71df1d685118"
client = Client(account_sid, auth_token)
api_key_sid = "SK1f9ddcd6e0c6642804778365b35fa672"
