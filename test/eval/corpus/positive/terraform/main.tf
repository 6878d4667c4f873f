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
  access_key = "AKIAYJX4YPTR34SNAKFG"
  secret_key = "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"
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  username          = "dbadmin"
  password          = "rGW=jhx6WZiiS28N-KI#"
  allocated_storage = 20
}
