# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:yHvuGtUfXlpZUWzF1KBa70qq63i2mIvuZFBKb2GCMnI=",
    "zh:979cc0d94677bd8e7ba14a002f9872710accbdf8870bed45d1542b02971990d7",
    "zh:5b0c9c7398d929f82db0800e1cc4e99f74f011d759e354d84f338cd2bf1473d4",
  ]
}
