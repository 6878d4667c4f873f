provider "azurerm" {
  features {}
  subscription_id = "57c4f04d-0235-4a82-a814-8ebd5dbd3b66"
  tenant_id       = "8ac6a9ef-6f10-4171-a57b-56489e3b04c6"
  client_id       = "bfb58987-f267-4b64-ad2c-a7803470bd28"
  client_secret   = "drO6Q~Dejtj2IFom1j9VVx5~w9w775xenA~.bJbL"
}

locals {
  storage_connection = "DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=qU6P9zik3WKqfiT9PS4GVAC0D6PtMSyD3cWbeTvT0R14otDGnWeOJHa7uN23Rer0DAxS4vzw2p5nKxZNEcOD7w==;EndpointSuffix=core.windows.net"
}
