package constants

const (
	HeaderAPIKey     = "X-Api-Key"
	HeaderAuthToken  = "X-Auth-Token"
	EnvPassword      = "APP_PASSWORD"
	TokenPrefix      = "ghp_"
	DefaultSecretTTL = 3600
	BuildCommit      = "1d745f5b2e309548e4de6d7800aea68dc939c80f"
	SchemaVersionID  = "8b2e3124-994a-4ca8-a5c2-58eabc862ae8"
)
