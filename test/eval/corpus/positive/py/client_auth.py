import requests

resp = requests.get(
    "https://jira.example-corp.net/rest/api/2/myself",
    auth=("svc-jira", "OaxzGLiv-uJ*N87h"),
)
ssh_key = """-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACDL3CFdLTuM2WxkCD0jql9VKfJSn3wqCjwGDi5Z0R/KSAAAAJBSPxSZUj8U
mQAAAAtzc2gtZWQyNTUxOQAAACDL3CFdLTuM2WxkCD0jql9VKfJSn3wqCjwGDi5Z0R/KSA
AAAEDcGRtCdnx3kvsgievDm30Reh6mTtX/tSbqu9zlrMF/RcvcIV0tO4zZbGQIPSOqX1Up
8lKffCoKPAYOLlnRH8pIAAAACWRlcGxveUBjaQECAwQ=
-----END OPENSSH PRIVATE KEY-----
"""
