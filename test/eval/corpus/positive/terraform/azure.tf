provider "azurerm" {
  features {}
  subscription_id = "16e3dffe-16f3-41da-a843-5938662fb5ad"
  tenant_id       = "9b2fe2dd-a610-4ca7-aa3d-4cd16e28a86f"
  client_id       = "c7497ba0-5a7c-4d75-a27a-8a36880e1fa3"
  client_secret   = "h7l9Q~Soky4oSknh4YovbsyaFw--8XXnz39m6skb"
}

locals {
  storage_connection = "DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=X6E4c6zSsjexjX7bcdattSUCH6idhLA6OtFmeINIT3wEVxSvI7idEqLhzNjmPoS9i2mO887NsDtIbOSF9bAQ/A==;EndpointSuffix=core.windows.net"
}
