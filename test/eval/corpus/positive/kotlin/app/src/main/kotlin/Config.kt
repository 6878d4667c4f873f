package io.acme.app

object Config {
    const val MAPS_API_KEY = "AIzaSy7dxcTHQz4vWOYZ7GIz5Rk1U_lNXBIY3Hl"
    const val SENTRY_AUTH_TOKEN = "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"
    val mapboxSecret = "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNs4Hqg24k1hCQ6EBs4kYLC6EIn0.bKvExALgojN-YZHEOe--dW"
}
