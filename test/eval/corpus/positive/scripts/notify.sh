#!/bin/bash
MSG="$1"
curl -H "Content-Type: application/json" -d "{\"content\": \"$MSG\"}" "https://discord.com/api/webhooks/5309630388951903268/LBfzT4FsUWJusx27_C4WgMYtJabhmXKolrZMOlTHgcAQxsnrjb8tIGb5ThBU4hv4FSgH"
curl -H "Content-Type: application/json" -d "{\"text\": \"$MSG\"}" https://contoso.webhook.office.com/webhookb2/5f63a5de-9953-4e21-ab80-437c38b764f9@acf6a708-61e9-4b00-a8b8-fa0d986986a0/IncomingWebhook/63a2cb6235f2f6ea208877854730e601/0091fd11-2b78-4f93-a53e-9fb8b31c25ca
curl -s "https://api.telegram.org/bot9365128422:AA6_v6Ht-biANAK_Kh3r1mZGL3EmN-oYQuv/sendMessage?chat_id=-1006445144713&text=$MSG"
