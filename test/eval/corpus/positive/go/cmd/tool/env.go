package main

import "os"

func init() {
	os.Setenv("AWS_ACCESS_KEY_ID", "AKIASKSN64O42OQM6FNQ")
	os.Setenv("AWS_SECRET_ACCESS_KEY", "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")
	os.Setenv("STRIPE_API_KEY", "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")
}
