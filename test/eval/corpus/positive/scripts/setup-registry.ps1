$ErrorActionPreference = "Stop"
$password = ConvertTo-SecureString "jkOD3JK.vcMv#87" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("svc-build", $password)
$env:AZURE_DEVOPS_EXT_PAT = "wuthzt9zsqc7xdbsnmhlluwpkjgsxltipind9zg7ny0tnci8870d"
az devops login --organization https://dev.azure.com/acme
