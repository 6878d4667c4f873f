provider "azurerm" {
  features {}
  subscription_id = "2e3d6b79-f655-42ce-a1de-72fd30caf0d9"
  tenant_id       = "b4496087-c841-4ba7-aa8a-2ab9d7d7a984"
  client_id       = "9f15892f-cd24-4ebb-a19f-1739559cf362"
  client_secret   = "tNS1Q~3~7iT7XE0WllTFpADMgVObcdPl5LLPOwEb"
}

locals {
  storage_connection = "DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=oTaYNK/HESNRvrzWjSEwTb83NY2fT2cosvNPAHHXHv6IapLYba9rO0lwFCxLHqmG1QMznQcGWXM0U4nLYrg0aw==;EndpointSuffix=core.windows.net"
}
