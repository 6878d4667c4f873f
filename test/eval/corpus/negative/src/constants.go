package constants

const (
	HeaderAPIKey     = "X-Api-Key"
	HeaderAuthToken  = "X-Auth-Token"
	EnvPassword      = "APP_PASSWORD"
	TokenPrefix      = "ghp_"
	DefaultSecretTTL = 3600
	BuildCommit      = "1583e33b7be94b75b7e5e7897507f0ce897e0847"
	SchemaVersionID  = "5d3e5f41-abcc-46b9-a000-d86ed5241325"
)
