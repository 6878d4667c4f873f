auto_auth {
  method "kubernetes" {
    mount_path = "auth/kubernetes"
    config = {
      role = "api"
    }
  }
}
template {
  contents    = "{{ with secret "secret/data/api" }}API_TOKEN={{ .Data.data.token }}{{ end }}"
  destination = "/vault/secrets/api.env"
}
