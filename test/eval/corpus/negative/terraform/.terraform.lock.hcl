# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.46.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:TYAmJCoE8JXRxVY/b0CmhxEOSfT3M0Xf+Cxq5BYWlOM=",
    "zh:c0500052d8a8a42c4315890d133039e6384951a5f2bcd0b4559fff87e1163d0a",
    "zh:12862938f1ee8b6f9eb3929e1dddf549f6e0d19a00cd437a234279eabbf1d7e1",
  ]
}
