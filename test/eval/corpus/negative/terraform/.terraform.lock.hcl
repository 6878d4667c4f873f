# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:8bsM3IN50PxsdixhdJBDBHD3it/x8Y0qjsDDKfP/6as=",
    "zh:2a090c5d58668c2fd1477efaa84e41edccfe9f7f37f27677a8b142a4dea3452a",
    "zh:bb0d320b61653d6292e7104930500a65ff1599ce7495e64b359ce2f45d18c4f6",
  ]
}
