import type { RuleSpec } from '../types.js';
import { LB, RB, decodeBase64, hasLetterAndDigit, keyedValue } from './b-shared.js';

/** Discord bot tokens start with the bot's user id (a snowflake) in base64. */
function isDiscordBotToken(token: string): boolean {
  const idPart = token.split('.')[0] ?? '';
  const id = decodeBase64(idPart);
  return id !== undefined && /^[1-9]\d{16,19}$/.test(id);
}

/** Chat platforms, bots and incoming webhooks. */
export const chatRules: readonly RuleSpec[] = [
  {
    id: 'slack-bot-token',
    description: 'Slack bot token (xoxb-)',
    severity: 'high',
    keywords: ['xoxb-'],
    pattern: `${LB}(?<secret>xoxb-[0-9]{8,13}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{20,34})${RB}`,
    remedy: 'Revoke the token under the Slack app\'s OAuth & Permissions page (or auth.revoke) and reinstall the app to issue a new one.',
    examples: {
      match: [
        'SLACK_BOT_TOKEN=xoxb-432944822178-2354474030271-dyhTsdhvV1nYVojpUjynDyUy',
        'slack:\n  token: "xoxb-14389872071-3264079129899-Nbg2NpnkBO6V1No2NhcZ39lt"',
'SLACK_BOT_TOKEN=xoxb-606284698098-52aNIHIFXMFVukBMJL8bIyWl',
        'client = WebClient(token="xoxb-760364076755-960363724510-UqtAqSXkOX2GS9k3CPvBvbIe")',
      ],
      noMatch: [
        'SLACK_BOT_TOKEN=xoxb-your-bot-token',
        'token = "xoxb-922210746163-5596474051006-short"',
        'id: axoxb-968857358316-9406921113103-LbGISYlrAhJso4k3EC5yE1XV',
      ],
    },
  },
  {
    id: 'slack-user-token',
    description: 'Slack user or legacy session token (xoxp-, xoxs-)',
    severity: 'high',
    keywords: ['xoxp-', 'xoxs-', 'xoxe-'],
    pattern: `${LB}(?<secret>xox[pse]-[0-9]{8,13}-[0-9]{8,13}-[0-9]{8,14}-[A-Za-z0-9]{28,34})${RB}`,
    remedy: 'Revoke the user token with auth.revoke or by removing the app from the workspace, then reauthorise.',
    examples: {
      match: ['export SLACK_USER_TOKEN=xoxp-744861941812-863812310789-7730583066834-75d1082e6c20db40e2d97eb590104993', '"token": "xoxs-2100306952-544336957168-078214029483-ed570913e60103d75844b767d41f179c"'],
      noMatch: ['SLACK_USER_TOKEN=xoxp-0000-0000-0000', 'SLACK_USER_TOKEN=xoxp-718263540912-30918274651', 'SLACK_USER_TOKEN=xoxp-953972925027-514622353481-3533795405710-WYAqZLTpjWyh'],
    },
  },
  {
    id: 'slack-legacy-token',
    description: 'Slack legacy workspace, refresh or bot token (xoxa-, xoxr-, xoxo-)',
    severity: 'high',
    keywords: ['xoxa-', 'xoxr-', 'xoxo-'],
    pattern: `${LB}(?<secret>xox[aro]-(?:[0-9]-)?[0-9A-Za-z]{8,48}(?:-[0-9A-Za-z]{8,64}){0,4})${RB}`,
    entropy: 3.5,
    remedy: 'Revoke the token in the Slack app settings and migrate to a current token type.',
    examples: {
      match: ['SLACK_TOKEN=xoxa-2-723865678162-885782755886-7122335969420-533c98e754e469dcd8189358e10466fb', "token: 'xoxr-s097xgxpm9oSkapSZlnIkmu9ak1xtvdOyMz9KrTL'"],
      noMatch: ['token: xoxa-token', 'SLACK_TOKEN=xoxa-2-aaaaaaaaaa'],
    },
  },
  {
    id: 'slack-config-token',
    description: 'Slack app configuration access token (xoxe.xoxp-, xoxe.xoxb-)',
    severity: 'high',
    keywords: ['xoxe.'],
    pattern: `${LB}(?<secret>xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{140,180})${RB}`,
    remedy: 'Revoke the configuration token at api.slack.com/apps (Your App Configuration Tokens) and generate a new one.',
    examples: {
      match: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-bJgvWFQNqwFIaXlsh3fMDLbTAhIH0PmFfhiXvxanWGMpkc6y6BMpQyODuu09vWLZUEUBlweRBiJBvHnh0jn2CP5cvoC4NuJxsdcmWB5vqj82YaNyGqHBm0CVr6xG1U81ti7YotPRT0NGm7Xx6KQVFE2Ek0vb5I1Lkb9QPm'],
      noMatch: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-fxe63i27d5NYou5l5uYyEISDUrSOnt1nSWgjiGa3', 'see the xoxe.xoxp- prefix in the docs'],
    },
  },
  {
    id: 'slack-config-refresh-token',
    description: 'Slack app configuration refresh token (xoxe-)',
    severity: 'high',
    keywords: ['xoxe-'],
    pattern: `${LB}(?<secret>xoxe-[0-9]-[A-Za-z0-9]{130,170})${RB}`,
    remedy: 'Revoke the refresh token at api.slack.com/apps and generate a new configuration token pair.',
    examples: {
      match: ['refresh_token: xoxe-1-Wc0Ce94QwAmHxL9NBfm64OBlcfWfs3B8wG64kbtP2bxV7yV9qEIXaxCOchaFOQmTWRLCgXfxf0AcVUz2yYwNwMNH0N0iSS8bRUlsDUQczlFVnKsemxgAOH768OwmugpajeoSrnyLorPJvWUEIs'],
      noMatch: ['refresh_token: xoxe-1-jg8oRP4WfgqtzE7sCjgXFCX1ZQUPFM'],
    },
  },
  {
    id: 'slack-app-token',
    description: 'Slack app-level token (xapp-)',
    severity: 'high',
    keywords: ['xapp-'],
    pattern: `${LB}(?<secret>xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{10,14}-[A-Za-z0-9]{32,80})${RB}`,
    remedy: 'Revoke the app-level token under Basic Information > App-Level Tokens in the Slack app settings.',
    examples: {
      match: ['SLACK_APP_TOKEN=xapp-1-AO0ZM7X1DDO-5119520783816-6e46c52d5ed7b7aab6ed4185659426e981cbe85d43f62b83cdea247441c78147', 'app = App(app_token="xapp-1-ASKPS7BJ70V-6992593639852-9b1ec00e2ed991448530d9b5ab3c1739a0058fe5bde682a58ec5fc43fa7011a4")'],
      noMatch: ['SLACK_APP_TOKEN=xapp-1-your-app-token', 'SLACK_APP_TOKEN=xapp-1-AU7FR602XIC-6535923304972-3a8de1bbde9dac93163a'],
    },
  },
  {
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: `hooks\\.slack\\.com/services/(?<secret>T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32})${RB}`,
    remedy: 'Delete the webhook under Incoming Webhooks in the Slack app settings and create a new one.',
    examples: {
      match: [
        'SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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',
        'curl -X POST -H "Content-type: application/json" --data \'{"text":"deploy done"}\' https://hooks.slack.com/services/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',
      ],
      noMatch: [
        'webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXX',
        'url = "https://hooks.slack.com/services/YOUR/WEBHOOK/URL"',
      ],
    },
  },
  {
    id: 'slack-workflow-webhook-url',
    description: 'Slack Workflow Builder webhook or trigger URL',
    severity: 'high',
    keywords: ['hooks.slack.com'],
    pattern: `hooks\\.slack\\.com/(?:workflows|triggers)/(?<secret>T[A-Z0-9]{6,12}/(?:A[A-Z0-9]{6,14}/)?[0-9]{8,20}/[A-Za-z0-9]{20,40})${RB}`,
    remedy: 'Regenerate or delete the webhook trigger of the workflow in Slack Workflow Builder.',
    examples: {
      match: [
        'WORKFLOW_HOOK=https://hooks.slack.com/workflows/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',
        'url: "https://hooks.slack.com/triggers/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"',
      ],
      noMatch: ['url: "https://hooks.slack.com/triggers/T8649V9NNN/0132364521601/short"'],
    },
  },
  {
    id: 'discord-bot-token',
    description: 'Discord bot token',
    severity: 'high',
    keywords: ['discord'],
    pattern: `${LB}(?<secret>[MNO][A-Za-z0-9_-]{22,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40})${RB}`,
    validate: isDiscordBotToken,
    remedy: 'Reset the token under Bot in the Discord developer portal; the old token stops working at once.',
    examples: {
      match: [
        "const { Client } = require('discord.js');\nclient.login('NDc1OTA3NTM3NTQwNTEzNzEx.ZNG8wI.BIWG05332ko8e8P7oivv9aWV2lOCK-eHSYaKL6');",
        'DISCORD_TOKEN=MTgyODQzMTM5MDk0NTQzMjk4Mg.qM95V7.-2mHuSUYIQnp7plmgnKT21rIKAhWkWKW0ZGLMQ',
      ],
      noMatch: [
        'DISCORD_TOKEN=MzY4NTk2Zm9vYmFyYmF6cXV4.00di9n.HVWmYt_h_eUkCVq7lRVyBCfkja3Ti3zTyHMBK5',
        'DISCORD_TOKEN=your-discord-bot-token',
      ],
    },
  },
  {
    id: 'discord-webhook-url',
    description: 'Discord webhook URL',
    severity: 'high',
    keywords: ['discord.com/api', 'discordapp.com/api'],
    pattern: `discord(?:app)?\\.com/api/(?:v[0-9]{1,2}/)?webhooks/[0-9]{17,20}/(?<secret>[A-Za-z0-9_-]{60,80})${RB}`,
    remedy: 'Delete the webhook in the channel\'s Integrations settings in Discord and create a new one.',
    examples: {
      match: [
        'DISCORD_WEBHOOK=https://discord.com/api/webhooks/031693070693206534/0TN70VAPPQq1uCEqmNIp28TJnQ_YC3KwIETYhYGrxsBwXQzjqsWd6-Pex7qbPMaAw7LF',
        "requests.post('https://discordapp.com/api/webhooks/1008270588409802926/6TV29MLl9FhFrogE5Lf3wFD032o-DH9MLXDRBKxQHZp_6DrTNUAYHIJhfZ0zlNou3qUL', json=payload)",
      ],
      noMatch: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/{id}/{token}', 'https://discord.com/api/webhooks/331248344106008748/short'],
    },
  },
  {
    id: 'teams-incoming-webhook-url',
    description: 'Microsoft Teams incoming webhook URL (Office 365 connector)',
    severity: 'high',
    keywords: ['webhook.office.com', 'outlook.office.com/webhook', 'outlook.office365.com/webhook'],
    pattern:
      '(?:webhook\\.office\\.com/webhookb2|outlook\\.office(?:365)?\\.com/webhook)/(?<secret>[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/V2[A-Za-z0-9_-]{20,80})?)(?![A-Za-z0-9_/-])',
    remedy: 'Remove the Incoming Webhook connector from the Teams channel and configure a new one.',
    examples: {
      match: [
        'TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/e2377ce1-44f7-9387-79e0-8e1617d0fc6c@3dc7f5a8-1bd6-17af-09be-f0fa70c40708/IncomingWebhook/70c6d3afa53b87ce466ffa3b993d544c/65c0ad76-b018-6308-887b-458cc1ae051c/V2XTt4nSTlPiBObgr-cs1afWgNGwLesQhQ4gfHliisLD1',
        'url: https://outlook.office.com/webhook/ba4c2f2f-0152-23db-b5c0-81c341d464e7@87ed4566-b875-b974-c0af-d5d2bef7344a/IncomingWebhook/a9057fc1fa105c44b94afd78776fb3d1/f6a8bb6a-3fe8-69d5-bcfd-dab057c95364',
      ],
      noMatch: ['TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<connector>'],
    },
  },
  {
    id: 'teams-workflow-webhook-url',
    description: 'Microsoft Teams / Power Automate workflow webhook URL with its SAS signature',
    severity: 'high',
    keywords: ['logic.azure.com', 'api.powerplatform.com'],
    pattern:
      '(?:logic\\.azure\\.com|api\\.powerplatform\\.com)(?::443)?/(?:powerautomate/automations/direct/)?workflows/[a-f0-9]{32}/triggers/[^\\s"\'<>?]{1,120}\\?[^\\s"\'<>]{0,300}?[?&]?sig=(?<secret>[A-Za-z0-9_%-]{40,90})(?![A-Za-z0-9_%-])',
    remedy: 'Regenerate the trigger URL of the workflow in Power Automate (or recreate the Teams workflow) so the old signature is invalid.',
    examples: {
      match: [
        'TEAMS_WORKFLOW_URL=https://prod-12.westeurope.logic.azure.com:443/workflows/5c82ff253a63a38dc45e43809596d158/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=aQES4zb_rF9AY7Mm8jZn_4uqw-lhuDJmEnKdaQJYwdX',
        'url: "https://default67700929c72b73a2bacb6147d63759.07.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/f9f2d6864d3f26f1c89739389daead6b/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Vz13nYmwpxk0TbJMWRoEThp5psBnVQJsxh955ZChKeK"',
      ],
      noMatch: ['https://prod-12.westeurope.logic.azure.com:443/workflows/8c4eb177531ba0b4fd29b23746e79de8/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<signature>'],
    },
  },
  {
    id: 'telegram-bot-token',
    description: 'Telegram Bot API token',
    severity: 'high',
    keywords: [':aa'],
    pattern: '(?<![0-9])(?<secret>[0-9]{6,12}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])',
    remedy: 'Revoke the token with /revoke in @BotFather and update the bot with the new token.',
    examples: {
      match: [
        'TELEGRAM_BOT_TOKEN=8222966869:AAK_xeDw9vAI4KvzGE4UFaAbmVVCJzGCqW4',
        'curl "https://api.telegram.org/bot789559777:AAps_q5mvGS56_Lst8VvRkzQ6J5uhvlVzDx/sendMessage?chat_id=42&text=hi"',
      ],
      noMatch: ['TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11', 'token = "2181441959:AABw8h20SYK_7zK8qHL7lr"'],
    },
  },
  {
    id: 'mattermost-access-token',
    description: 'Mattermost personal access or bot token',
    severity: 'high',
    keywords: ['mattermost'],
    pattern: keyedValue('mattermost', '[a-z0-9]{26}', 'token|secret|key|pat'),
    flags: 'i',
    remedy: 'Revoke the token under Profile > Security > Personal Access Tokens (or the bot account) in Mattermost.',
    examples: {
      match: ['MATTERMOST_TOKEN=fvwkbyykgdk5ow9dgabfiwidsu', 'mattermost_bot_token: "9mh9h3zpzqcobeqz4nezpkzh7f"'],
      noMatch: ['MATTERMOST_TOKEN=${MM_TOKEN}', 'MATTERMOST_TEAM_ID=tznltrrj9cv6hff0layzmh776r'],
    },
  },
  {
    id: 'mattermost-webhook-url',
    description: 'Mattermost incoming webhook URL',
    severity: 'medium',
    keywords: ['mattermost'],
    pattern: `https?://[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?/hooks/(?<secret>[a-z0-9]{26})${RB}`,
    remedy: 'Delete the incoming webhook in Mattermost (Integrations > Incoming Webhooks) and create a new one.',
    examples: {
      match: ['MATTERMOST_WEBHOOK_URL=https://chat.corp.internal/hooks/fld0ozahy3ag06u5enaffdsezc'],
      noMatch: ['MATTERMOST_WEBHOOK_URL=https://chat.corp.internal/hooks/xxx-generatedkey-xxx'],
    },
  },
  {
    id: 'zoom-client-secret',
    description: 'Zoom app client secret or webhook secret token',
    severity: 'high',
    keywords: ['zoom'],
    pattern: keyedValue('zoom', '[A-Za-z0-9_-]{20,64}', 'secret|token'),
    flags: 'i',
    entropy: 3.5,
    validate: hasLetterAndDigit,
    remedy: 'Regenerate the client secret (or secret token) of the app in the Zoom App Marketplace.',
    examples: {
      match: ['ZOOM_CLIENT_SECRET=eqj54pAumtqDMVxxtf1Y6om4NXwiL49s', 'zoom_webhook_secret_token: "a6AbOUs6vR1m5xjlZA9mn2"'],
      noMatch: ['ZOOM_CLIENT_ID=jmEFTZCKWFY8WgQTyAlteu', 'ZOOM_CLIENT_SECRET=your_zoom_client_secret'],
    },
  },
  {
    id: 'twilio-api-key',
    description: 'Twilio API key SID (SK…), which pairs with an API secret',
    severity: 'medium',
    keywords: ['twilio'],
    pattern: `${LB}(?<secret>SK[0-9a-f]{32})${RB}`,
    remedy: 'Delete the API key in the Twilio console (Account > API keys & tokens) and create a new one.',
    examples: {
      match: ['TWILIO_API_KEY=SKd287fde2fc5ccb76fb65af09791c28f7'],
      noMatch: ['TWILIO_API_KEY=SK3ae1c8416be2b1d29671', 'TWILIO_API_KEY=SKTOKEN7a84afd37709f928c4cda1eb3dea2a48'],
    },
  },
  {
    id: 'twilio-auth-token',
    description: 'Twilio auth token or API key secret',
    severity: 'critical',
    keywords: ['twilio'],
    pattern: keyedValue('twilio', '[A-Za-z0-9]{32}', 'token|secret'),
    flags: 'i',
    entropy: 3.2,
    remedy: 'Rotate the auth token (or delete the API key) in the Twilio console under Account > API keys & tokens.',
    examples: {
      match: ['TWILIO_AUTH_TOKEN=34fdbcfddee03611b97c3d889156228a', "twilioApiSecret: 'vAmP67hPVPCE0ceqVTUKWNnNeBxcu95k'"],
      noMatch: ['TWILIO_AUTH_TOKEN=your_auth_token', 'TWILIO_ACCOUNT_SID=AC883514f9f5197a466d04a333c7e390a6'],
    },
  },
  {
    id: 'twilio-credential-pair',
    description: 'Twilio account SID followed by its auth token in code',
    severity: 'critical',
    keywords: ['twilio'],
    pattern: `${LB}AC[0-9a-f]{32}["'\`]?[ \\t]{0,4}[,:][ \\t]{0,4}["'\`]?(?<secret>[0-9a-f]{32})${RB}`,
    remedy: 'Rotate the auth token in the Twilio console under Account > API keys & tokens.',
    examples: {
      match: ['from twilio.rest import Client\nclient = Client("ACe73837765a419ea335a34e48bc7c9bc0", "0da85ea620e889af48579f09a0c4d30b")'],
      noMatch: ['from twilio.rest import Client\nclient = Client("AC0761d5fbda5aa1a7ef0486771eb801a7", auth_token)'],
    },
  },
  {
    id: 'line-channel-access-token',
    description: 'LINE Messaging API channel access token',
    severity: 'high',
    keywords: ['channel_access_token', 'channelaccesstoken', 'channel-access-token', 'linebotapi'],
    pattern: `(?:channel[_.-]?access[_.-]?token[\\w.-]{0,12}?["'\`]?[ \\t]{0,4}(?::=|=>|=|:)|LineBotApi\\()[ \\t]{0,4}["'\`]?(?<secret>[A-Za-z0-9+/]{100,200}={0,2})(?![A-Za-z0-9+/=])`,
    flags: 'i',
    entropy: 4,
    remedy: 'Reissue the channel access token in the LINE Developers console (Messaging API tab).',
    examples: {
      match: ['LINE_CHANNEL_ACCESS_TOKEN=Tzw/wJaQAFIMjUS2qJRjl+3nsETjY3r6YC5R9yW1W5YlnZqwi5Jv4QFcgj2cxoqZXKi4RG8uPYSqH+WfuLc7vXHvOH1LDipx4vvd6uuHE1V4m7JRA8V4MN8rTiTh9u9uGmQx4IuaCLlkP/djgnw99HAz8mfLcXw8HIy0x6vQ1hN=', "line_bot_api = LineBotApi('ZKc4qnBLjCJZfHjDslfbFrNbpAFPirlH6MM623viIZdQNUzd3I0klAqE2Jv7iKCjikMbXqo3qP5LFt1Z0N5t7nN0zqY1Gb9xVPnbQlyLAhwuyNvfgApcw3y8gEH758dhnPdYGGJRkMk0xBD047hByuoEibDMguPEpqMXpQUR1U6=')"],
      noMatch: ['LINE_CHANNEL_ACCESS_TOKEN=${LINE_TOKEN}', 'LINE_CHANNEL_ACCESS_TOKEN=9/dNVp3/e6W91XmDKrxaKpR+VznSRQiQHOYl9AWQ'],
    },
  },
  {
    id: 'line-channel-secret',
    description: 'LINE channel secret',
    severity: 'high',
    keywords: ['channel_secret', 'channelsecret', 'channel-secret'],
    pattern: keyedValue('channel[_.-]?secret', '[a-f0-9]{32}'),
    flags: 'i',
    remedy: 'Reissue the channel secret in the LINE Developers console (Basic settings tab).',
    examples: {
      match: ['LINE_CHANNEL_SECRET=0c12038dfa7265e09f871827c49d3ea3', "channelSecret: '3c32c14da28c8b56709029efd67c9aa3'"],
      noMatch: ['LINE_CHANNEL_SECRET=your-channel-secret', 'LINE_CHANNEL_SECRET=c39fe1eda3d5e876'],
    },
  },
  {
    id: 'messagebird-api-key',
    description: 'MessageBird (Bird) API access key',
    severity: 'high',
    keywords: ['messagebird', 'message_bird'],
    pattern: keyedValue('message_?bird', '[A-Za-z0-9]{25}'),
    flags: 'i',
    remedy: 'Delete the access key in the MessageBird dashboard (Developers > API access) and create a new one.',
    examples: {
      match: ['MESSAGEBIRD_ACCESS_KEY=EOsd37L1ZZvqWCrrPYcTnphwI', "messagebird_api_key: 'DEOYOgWLPpxwhcrIJEaeysQ1R'"],
      noMatch: ['MESSAGEBIRD_ACCESS_KEY=mc9mtuyjZXuj', 'MESSAGEBIRD_ACCESS_KEY=<your-access-key>'],
    },
  },
  {
    id: 'google-chat-webhook-url',
    description: 'Google Chat incoming webhook URL with its token',
    severity: 'high',
    keywords: ['chat.googleapis.com'],
    pattern: `chat\\.googleapis\\.com/v1/spaces/[A-Za-z0-9_-]{6,20}/messages\\?[^\\s"'<>]{0,200}?token=(?<secret>[A-Za-z0-9_%-]{40,90})(?![A-Za-z0-9_%-])`,
    remedy: 'Delete the webhook in the Google Chat space (Apps & integrations > Webhooks) and create a new one.',
    examples: {
      match: ['GCHAT_WEBHOOK=https://chat.googleapis.com/v1/spaces/AAAAkRM2pj1/messages?key=AIzat-sY_vKGrDTtwYLY-SGpzencrZKy4TY1-WV&token=2wzEWol0F2OL48G5CO0gaqCzRfaFHZQBCtbbxAvOEgh%3D'],
      noMatch: ['GCHAT_WEBHOOK=https://chat.googleapis.com/v1/spaces/SPACE_ID/messages?key=KEY&token=TOKEN'],
    },
  },
  {
    id: 'zapier-webhook-url',
    description: 'Zapier catch hook URL (anyone with it can trigger the Zap)',
    severity: 'medium',
    keywords: ['hooks.zapier.com'],
    pattern: `hooks\\.zapier\\.com/hooks/catch/(?<secret>[0-9]{5,12}/[a-z0-9]{5,12})(?![A-Za-z0-9])`,
    remedy: 'Turn the Zap off and recreate its Catch Hook trigger to get a new URL.',
    examples: {
      match: ['ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/9734200/1npfbcm/'],
      noMatch: ['ZAPIER_HOOK=https://hooks.zapier.com/hooks/catch/{account}/{hook}/'],
    },
  },
  {
    id: 'ifttt-webhook-key',
    description: 'IFTTT Webhooks (Maker) key',
    severity: 'medium',
    keywords: ['maker.ifttt.com'],
    pattern: `maker\\.ifttt\\.com/trigger/[^\\s/"'<>]{1,100}/(?:json/)?with/key/(?<secret>[A-Za-z0-9_-]{20,43})${RB}`,
    remedy: 'Regenerate the key in the IFTTT Webhooks service settings.',
    examples: {
      match: ['curl -X POST https://maker.ifttt.com/trigger/door_open/with/key/Q51s-_lO_zOVao1uVbj9o_'],
      noMatch: ['curl -X POST https://maker.ifttt.com/trigger/{event}/with/key/{your_key}'],
    },
  },
  {
    id: 'webex-bot-token',
    description: 'Webex (Cisco Spark) bot or integration access token',
    severity: 'high',
    keywords: ['webex', 'ciscospark'],
    pattern: `${LB}(?<secret>[A-Za-z0-9]{64}_[A-Za-z0-9]{4}_[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})${RB}`,
    remedy: 'Regenerate the bot access token at developer.webex.com (My Webex Apps).',
    examples: {
      match: ['WEBEX_BOT_TOKEN=pSe2sVrVvoZh8fk76V8PxEWoV72QQjYFFqS7B7O7JHfBttYu7cwVhA6YUOGVMV5Q_PF84_a7e24d95-b37a-e420-34da-cc2332c5ff2e'],
      noMatch: ['WEBEX_BOT_TOKEN=BJW3yCCWWamuRzz6H2VafAOWygI9kzQZrBynSylO_PF84_949c9e8b-cc97-c538-348f-84b8cf3d8962'],
    },
  },
  {
    id: 'url-query-credential',
    description: 'URL (webhook, API endpoint) carrying a token, secret or password in its query string',
    severity: 'medium',
    keywords: ['token=', 'secret=', 'password=', 'passwd=', 'apikey=', 'api_key='],
    pattern:
      'https?://[A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?(?:/[^\\s?#"\'<>]{0,300})?\\?(?:[^\\s#"\'<>]{0,300}?&)?(?:access_token|auth_token|api_?key|apikey|token|secret|client_secret|webhook_secret|password|passwd)=(?<secret>[A-Za-z0-9%._~+/-]{16,300})(?![A-Za-z0-9%._~+/-])',
    flags: 'i',
    entropy: 3,
    validate: hasLetterAndDigit,
    allowlist: {
      // Mapbox public tokens are meant for browsers; Firebase Storage download tokens are share links.
      secretPatterns: ['^pk\\.eyJ'],
      matchPatterns: ['firebasestorage\\.googleapis\\.com/', '[?&]alt=media&token='],
    },
    remedy: 'Rotate the token in the service that issued it and pass it in a header or secret store instead of the URL.',
    examples: {
      match: [
        'WEBHOOK_URL=https://hooks.corp-alerts.io/v1/notify?channel=ops&token=2WpPb4oa5FSDbvBdPlk1vwzHZFSIs18k',
        'requests.get("https://api.weatherdata.io/v2/forecast?city=Oslo&api_key=9316d58ad373f9a785c5ae9be9f15823")',
      ],
      noMatch: [
        'WEBHOOK_URL=https://hooks.corp-alerts.io/v1/notify?token=${WEBHOOK_TOKEN}',
        'https://api.service.io/v1/items?token=YOUR_TOKEN_HERE',
        'https://firebasestorage.googleapis.com/v0/b/shop-app.appspot.com/o/shoe.jpg?alt=media&token=97b1c2d4-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
        'https://api.mapbox.com/geocoding/v5/mapbox.places/oslo.json?access_token=pk.eyJ1Ijoic2hvcCIsImEiOiJjbHgifQ.Qx7Lm2Wz9Rk4Tp8Vn3Bc6H',
        'https://api.service.io/v1/items?page=2&sort=desc',
      ],
    },
  },
  {
    id: 'slack-app-secret',
    description: 'Slack app signing secret or client secret',
    severity: 'high',
    keywords: ['slack'],
    pattern: keyedValue('slack', '[a-f0-9]{32}', 'secret'),
    flags: 'i',
    remedy: 'Regenerate the signing secret (or client secret) under Basic Information in the Slack app settings.',
    examples: {
      match: ['SLACK_SIGNING_SECRET=aa08066450d765d36050ad1a3862d9b7', 'slack_signing_secret="6834c51027bf836a8cb3ee935e7f218a"'],
      noMatch: ['SLACK_CLIENT_ID=391112163980.0818973985195', 'SLACK_SIGNING_SECRET=${SLACK_SIGNING_SECRET}'],
    },
  },
  {
    id: 'discord-client-secret',
    description: 'Discord OAuth2 application client secret',
    severity: 'high',
    keywords: ['discord'],
    pattern: keyedValue('discord', '[A-Za-z0-9_-]{32}', 'secret'),
    flags: 'i',
    validate: hasLetterAndDigit,
    remedy: 'Reset the client secret under OAuth2 in the Discord developer portal.',
    examples: {
      match: ['DISCORD_CLIENT_SECRET=Ue54Yrzmg2_m7FkFwOO8aOYNsg9jBgn7'],
      noMatch: ['DISCORD_CLIENT_ID=204437034328435692', 'DISCORD_CLIENT_SECRET=your_discord_client_secret'],
    },
  },
];
