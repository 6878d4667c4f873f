resource "kubernetes_secret" "tls" {
  metadata { name = "tls" }
  data = {
    "tls.key" = <<EOT
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIGN3X3TvliHK1Wagmq0tytNzerk+vcnt4wtZtmE5SU3OoAoGCCqGSM49
AwEHoUQDQgAEBSttSJNdhkELtcc4eeDu1mTYuMxOGorJV9euBUkXkx/x38TJLv0e
jXsEYZLMWom0TjDSTx+YhZcF4BGAsASQLg==
-----END EC PRIVATE KEY-----
EOT
  }
}
