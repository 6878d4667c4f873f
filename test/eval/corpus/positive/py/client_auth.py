import requests

resp = requests.get(
    "https://jira.example-corp.net/rest/api/2/myself",
    auth=("svc-jira", "z!rv#I0c*8CiOKiovM0F"),
)
ssh_key = """-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDdpEkrhuuuO9u7C7Ifzts6inKiLR4JpcVe9Hq4JhtynwAAAJC4HonRuB6J
0QAAAAtzc2gtZWQyNTUxOQAAACDdpEkrhuuuO9u7C7Ifzts6inKiLR4JpcVe9Hq4Jhtynw
AAAEBQ3+Hek37re04/lrQgjwrMRnozW9+uUUAitwbdzlBi6t2kSSuG664727sLsh/O2zqK
cqItHgmlxV70ergmG3KfAAAACWRlcGxveUBjaQECAwQ=
-----END OPENSSH PRIVATE KEY-----
"""
