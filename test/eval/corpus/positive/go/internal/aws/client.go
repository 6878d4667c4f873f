package aws

import (
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func provider() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider("AKIA6UWGKP6JYM4C3VJR", "qpaAjlOoYOc33Vf6ZiIPXOcKW8ct9wOrypxgXOZy", "")
}
