package notify

const slackWebhook = "https://hooks.slack.com/services/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"
const sendgridKey = "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"
