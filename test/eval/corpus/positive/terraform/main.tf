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
  access_key = "AKIAU4LNX27CDWMQWEMU"
  secret_key = "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"
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  username          = "dbadmin"
  password          = "ZV@9uHgxN-!=Laeb"
  allocated_storage = 20
}
