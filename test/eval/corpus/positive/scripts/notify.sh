#!/bin/bash
MSG="$1"
curl -H "Content-Type: application/json" -d "{\"content\": \"$MSG\"}" "https://discord.com/api/webhooks/6091626174634646990/W-B2w5rXrJE7OAHjVAPB_txJSRNyXiTLxgGhsfxrN2MHzMr0bNemZkj6XQc6gDptgXGG"
curl -H "Content-Type: application/json" -d "{\"text\": \"$MSG\"}" https://contoso.webhook.office.com/webhookb2/4bf51dd8-73dc-4499-a457-9488fbc4c946@1192aad2-0aa3-48f1-a589-6d09e2a96415/IncomingWebhook/133fd7ab2c65e0acc3349e3129ada6d5/2988d8c6-9ae4-45a4-a282-90b16d4fa924
curl -s "https://api.telegram.org/bot1827206921:AAiAC9qeWqviM8Twsp4ZPm2l7gcG6JX8iKu/sendMessage?chat_id=-1005887295306&text=$MSG"
