resource "kubernetes_secret" "tls" {
  metadata { name = "tls" }
  data = {
    "tls.key" = <<EOT
-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIMw2WDsVGxp9i86TvO4pSCGcRJ4POaHzME0xezXOqUf5oAoGCCqGSM49
AwEHoUQDQgAE9AgnRgDkAbQoOnT+ULQ9w+mGcoSp3nfk2joIniJq+nfmcwLeVF1I
+q4bbdJUEzqrKMGNGhGjs7uTKsZPpfdqlA==
-----END EC PRIVATE KEY-----
EOT
  }
}
