provider "google" {
  project     = "acme-prod-3121"
  region      = "europe-west1"
}

resource "google_cloudfunctions_function" "fn" {
  name    = "thumbnail"
  runtime = "nodejs20"
  environment_variables = {
    MAPS_API_KEY = "AIzaSymm-Pgi1SCc-vYCITsvCJ10Au3_Gt-k8r4"
    OAUTH_CLIENT_SECRET = "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"
  }
}
