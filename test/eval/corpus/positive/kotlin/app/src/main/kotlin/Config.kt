package io.acme.app

object Config {
    const val MAPS_API_KEY = "AIzaSyK8AyO9nUD3LfgS19sU8Qt8QC2I2CehgNd"
    const val SENTRY_AUTH_TOKEN = "sntrys_eyJpYXQiOjE3MDE3Nzk0MDcsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9uX3VybCI6Imh0dHBzOi8vdXMuc2VudHJ5LmlvIiwib3JnIjoiYWNtZSJ9_IBSt66MwTSxUkPlnBi6UZyM0e-1P-Q3x2txTlFFxtfj"
    val mapboxSecret = "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNsy6AxKCLZEaAu9niGZyQvRwIn0.HZPuIDgkTUIFjxMghXA4rt"
}
