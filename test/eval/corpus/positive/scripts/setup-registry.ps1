$ErrorActionPreference = "Stop"
$password = ConvertTo-SecureString "t8L#Md=PT%QWv6pTn" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("svc-build", $password)
$env:AZURE_DEVOPS_EXT_PAT = "vkrlx3j2p5gx1csfijgiqhs0pzr0soo7i4in7p89rtji0gw9zq15"
az devops login --organization https://dev.azure.com/acme
