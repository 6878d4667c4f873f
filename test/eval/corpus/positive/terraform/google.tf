provider "google" {
  project     = "acme-prod-3121"
  region      = "europe-west1"
}

resource "google_cloudfunctions_function" "fn" {
  name    = "thumbnail"
  runtime = "nodejs20"
  environment_variables = {
    MAPS_API_KEY = "AIzaSyDKGjXDFrCzkie6zwUlHQ6v3fAWUomZNm9"
    OAUTH_CLIENT_SECRET = "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"
  }
}
