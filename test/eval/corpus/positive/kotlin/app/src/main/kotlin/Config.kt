package io.acme.app

object Config {
    const val MAPS_API_KEY = "AIzaSyuLwfG2JE4VeXEs3887JTv9QRW9IfVYfXb"
    const val SENTRY_AUTH_TOKEN = "sntrys_eyJpYXQiOjE3MDc1NDM5OTYsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9uX3VybCI6Imh0dHBzOi8vdXMuc2VudHJ5LmlvIiwib3JnIjoiYWNtZSJ9__NLOmViyCZw8Z4_F1cImc7tM43suIZ9JtvQ180I6jnU"
    val mapboxSecret = "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNs6z5hZhuO5nf4CqkQG2zFWXIn0.TXKtf1DK3rUv2PipJOE3A2"
}
