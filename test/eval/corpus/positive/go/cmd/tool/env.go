package main

import "os"

func init() {
	os.Setenv("AWS_ACCESS_KEY_ID", "AKIAOO5UH4AK6QMYQAXL")
	os.Setenv("AWS_SECRET_ACCESS_KEY", "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")
	os.Setenv("STRIPE_API_KEY", "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")
}
