package notify

const slackWebhook = "https://hooks.slack.com/services/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"
const sendgridKey = "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"
