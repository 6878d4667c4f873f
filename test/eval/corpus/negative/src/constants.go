package constants

const (
	HeaderAPIKey     = "X-Api-Key"
	HeaderAuthToken  = "X-Auth-Token"
	EnvPassword      = "APP_PASSWORD"
	TokenPrefix      = "ghp_"
	DefaultSecretTTL = 3600
	BuildCommit      = "6689e65dcbfc4b92198d494adeb0cb568db0e25b"
	SchemaVersionID  = "f7be036d-20be-4adb-aef2-3b574930d910"
)
