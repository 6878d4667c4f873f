terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAHMVA6WDZXA7OP236"
  secret_key = "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"
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  username          = "dbadmin"
  password          = "H80hcxB4db^rp%Z5"
  allocated_storage = 20
}
