module github.com/acme/svc

go 1.22

require (
	github.com/aws/aws-sdk-go-v2 v1.26.1
	github.com/golang-jwt/jwt/v5 v5.2.1
	github.com/hashicorp/vault/api v1.12.2
)
