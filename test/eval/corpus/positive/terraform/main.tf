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
  access_key = "AKIAH34F7GQ655RJZE7J"
  secret_key = "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"
}

resource "aws_db_instance" "main" {
  identifier        = "main"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  username          = "dbadmin"
  password          = "!*2s*FMP5If1AuflWl"
  allocated_storage = 20
}
