package mail

import "github.com/sendgrid/sendgrid-go"

var client = sendgrid.NewSendClient("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")
