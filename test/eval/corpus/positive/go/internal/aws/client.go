package aws

import (
	"github.com/aws/aws-sdk-go-v2/credentials"
)

func provider() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider("AKIAJXN2KL2OMBLLR6RA", "IxrF6bIJxDrhnFb/Xcjxf1NdJFOSYwolYhHvUcBl", "")
}
