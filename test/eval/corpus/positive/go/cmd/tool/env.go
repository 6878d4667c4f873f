package main

import "os"

func init() {
	os.Setenv("AWS_ACCESS_KEY_ID", "AKIAYWLRBUQFAVBB5ENM")
	os.Setenv("AWS_SECRET_ACCESS_KEY", "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")
	os.Setenv("STRIPE_API_KEY", "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")
}
