# Example values; the real file is kept in the team vault.
db_password  = "CHANGE_ME"
api_token    = "<api-token>"
region       = "eu-west-1"
