#!/bin/bash
MSG="$1"
curl -H "Content-Type: application/json" -d "{\"content\": \"$MSG\"}" "https://discord.com/api/webhooks/8304683679241149386/unmHfzLFRzVdOJDuo_D-sfa3gIQBs1gpJlt59m3wy3iWgfwwE3zHUP42efAaGNcQk3np"
curl -H "Content-Type: application/json" -d "{\"text\": \"$MSG\"}" https://contoso.webhook.office.com/webhookb2/76e83e43-4d9b-4c70-ab65-f7ccd3423056@8f688197-3230-4593-a58f-c83a548a827e/IncomingWebhook/531a128b36cb76a99c8f540c9007e8ab/acf2ead6-5251-4915-a769-fbbd0a3cfde8
curl -s "https://api.telegram.org/bot8945443901:AACNU-2OjCJJ9X6JrIlGs7b1junOo_ptw-z/sendMessage?chat_id=-1005162979791&text=$MSG"
