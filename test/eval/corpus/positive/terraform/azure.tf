provider "azurerm" {
  features {}
  subscription_id = "b18266d4-663c-436d-a96c-e5bb6a59e28e"
  tenant_id       = "785c3798-dfbe-47b1-aeb3-3dd593bba696"
  client_id       = "d086f362-9557-41a8-a3fb-25833ced35f4"
  client_secret   = "Bk27Q~UqHmAL2RXNrUAl54U1nRyQQZw2wC~Nr83m"
}

locals {
  storage_connection = "DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=yawEB0NYuyagTv7EyNHXWHOXykPsjbyLUpf9u1kR8bT0gtKG0COoQFxSClXlFPpMGmHnudgdmFwX1VEy3y0y+g==;EndpointSuffix=core.windows.net"
}
