from twilio.rest import Client

account_sid = "AC7bfca6e15658c35adecce700f32e90f6"
auth_token = "bd5b51be795dfd582ceef9db0129ec2a"
client = Client(account_sid, auth_token)
api_key_sid = "SK0ce7b6a1c69e547b0f88005547ca3b9a"
