package notify

const slackWebhook = "https://hooks.slack.com/services/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"
const sendgridKey = "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"
