package constants

const (
	HeaderAPIKey     = "X-Api-Key"
	HeaderAuthToken  = "X-Auth-Token"
	EnvPassword      = "APP_PASSWORD"
	TokenPrefix      = "ghp_"
	DefaultSecretTTL = 3600
	BuildCommit      = "19943b763f5bb2d42361715b22f50f9b721a3dd6"
	SchemaVersionID  = "09454e70-c3a2-4f60-ac06-b9dc1fbd1ea0"
)
