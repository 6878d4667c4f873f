package notify

const slackWebhook = "https://hooks.slack.com/services/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"
const sendgridKey = "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"
