package mail

import "github.com/sendgrid/sendgrid-go"

var client = sendgrid.NewSendClient("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")
