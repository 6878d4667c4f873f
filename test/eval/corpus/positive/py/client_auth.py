import requests

resp = requests.get(
    "https://jira.example-corp.net/rest/api/2/myself",
    auth=("svc-jira", "U=IF021^hnycp*h3N9vH#"),
)
ssh_key = """-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCrM61o5/+hC5904A9FecTuGQER40J+oOquksaypVodxgAAAJC088ZrtPPG
awAAAAtzc2gtZWQyNTUxOQAAACCrM61o5/+hC5904A9FecTuGQER40J+oOquksaypVodxg
AAAEBHVpqZ4IodRzlbjcdoEYikJIABGu8vJ66MMvA69KrLzqszrWjn/6ELn3TgD0V5xO4Z
ARHjQn6g6q6SxrKlWh3GAAAACWRlcGxveUBjaQECAwQ=
-----END OPENSSH PRIVATE KEY-----
"""
