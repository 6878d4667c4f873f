#!/bin/bash
MSG="$1"
curl -H "Content-Type: application/json" -d "{\"content\": \"$MSG\"}" "https://discord.com/api/webhooks/5150402417720819847/5ScOUqqDwgSFRwMo3a0hhtWS5eegmDK7ajva8VyfPndZrlCfs3ixP9H-2HvXNJTOYhxO"
curl -H "Content-Type: application/json" -d "{\"text\": \"$MSG\"}" https://contoso.webhook.office.com/webhookb2/f32c15f8-2663-4948-a0a9-c6196d0cb99f@196cd599-2bf5-4a4a-ad29-c930822a42f1/IncomingWebhook/cc012b1096868994f25480dda4245480/7040e81f-b0f9-4c50-a919-49b1d0888bba
curl -s "https://api.telegram.org/bot1867885588:AAHwZz7qU7Hs6wkr7t6NaWzLtK65MJRQpj9/sendMessage?chat_id=-1008642736762&text=$MSG"
