package io.acme.app

object Config {
    const val MAPS_API_KEY = "AIzaSy61TnRtkFl_dOSLWGyan_kY9wLnWgWl26f"
    const val SENTRY_AUTH_TOKEN = "sntrys_eyJpYXQiOjE3MDQ2ODExMzEsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9uX3VybCI6Imh0dHBzOi8vdXMuc2VudHJ5LmlvIiwib3JnIjoiYWNtZSJ9_Vz-BYFgDwWJ8H72WOOm5HyaQfcpZ61ME_ZOorqJJnfg"
    val mapboxSecret = "sk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6ImNsud6VecOE9ZOL6rLOmnDbNTIn0.wDrGBTf49N11t6kYj6_ZYf"
}
