variable "db_password" {
  description = "Password of the database admin user"
  type        = string
  sensitive   = true
}

variable "api_token" {
  type      = string
  sensitive = true
  default   = null
}

resource "aws_db_instance" "main" {
  password = var.db_password
  username = "admin"
}

data "aws_secretsmanager_secret_version" "token" {
  secret_id = "prod/token"
}
