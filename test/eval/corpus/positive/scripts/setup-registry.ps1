$ErrorActionPreference = "Stop"
$password = ConvertTo-SecureString "U7f^RalVUt=t3h@j." -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("svc-build", $password)
$env:AZURE_DEVOPS_EXT_PAT = "r8p7cgs14d8653i9brcg5j7to1d6dw6szt6d3ip6t43fwpdu2zs5"
az devops login --organization https://dev.azure.com/acme
