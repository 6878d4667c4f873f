$ErrorActionPreference = "Stop"
$password = ConvertTo-SecureString "@A#CKB9KU4n7MLM9" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("svc-build", $password)
$env:AZURE_DEVOPS_EXT_PAT = "ul7vd4slnbl9w827kbwvccw1p1xxpqo0urgheen1kev91q40jpp2"
az devops login --organization https://dev.azure.com/acme
