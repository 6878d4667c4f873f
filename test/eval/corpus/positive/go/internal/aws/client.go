package aws

import (
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func provider() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider("AKIAG6AUBIZEKJUXSHYZ", "CeU6MjQictcIiC+4GyJ7feqThaeSgu8Und/Id60R", "")
}
