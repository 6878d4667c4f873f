provider "google" {
  project     = "acme-prod-3121"
  region      = "europe-west1"
}

resource "google_cloudfunctions_function" "fn" {
  name    = "thumbnail"
  runtime = "nodejs20"
  environment_variables = {
    MAPS_API_KEY = "AIzaSyJGtrH8wHcGVsDyOsA734X5XIUtjt79bur"
    OAUTH_CLIENT_SECRET = "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"
  }
}
