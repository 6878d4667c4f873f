package aws

import (
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func provider() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider("AKIAJ7VBWXRBPJZ7WN6P", "Py270cajOzeC5knXxucGJoKkzGcnyN3mlaYJG0Cd", "")
}
