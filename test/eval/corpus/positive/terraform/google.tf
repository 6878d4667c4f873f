provider "google" {
  project     = "acme-prod-3121"
  region      = "europe-west1"
}

resource "google_cloudfunctions_function" "fn" {
  name    = "thumbnail"
  runtime = "nodejs20"
  environment_variables = {
    MAPS_API_KEY = "AIzaSyL2hrNEjrk2uPrBmx7RjBq3NY72wo-qEjH"
    OAUTH_CLIENT_SECRET = "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"
  }
}
