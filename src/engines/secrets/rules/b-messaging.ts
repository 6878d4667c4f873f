import type { RuleSpec } from '../types.js';
import { ASSIGN, LB, RB, hasLetterAndDigit, isPlaceholderPassword, keyedValue } from './b-shared.js';

const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';

/**
 * After the word `postmark`: the rest of the block's name, the opening of a PHP array, Ruby hash or
 * YAML mapping, and then an entry whose name ends in `token` or `key`, up to its value.
 */
const POSTMARK_BLOCK = `[\\w.-]{0,20}?["'\`]?[ \\t]{0,4}(?:=>|=|:)[ \\t]{0,4}(?:\\[|\\{|array\\()?\\s{0,40}?["'\`]?[\\w-]{0,20}?(?:token|key)${ASSIGN}`;

/**
 * A JAAS password that is a real credential: not a placeholder, and not the `<user>-secret` style of
 * the Kafka documentation (`alice-secret`, `admin-secret`).
 */
function isRealJaasPassword(password: string): boolean {
  return !isPlaceholderPassword(password) && !/^[a-z]+[-_](?:secret|pass|pwd)$/i.test(password);
}

/** Email, SMS and push-notification providers, and message brokers' client credentials. */
export const messagingRules: readonly RuleSpec[] = [
  {
    id: 'sendgrid-api-key',
    description: 'SendGrid API key (SG.)',
    severity: 'high',
    keywords: ['sg.'],
    pattern: `${LB}(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${RB}`,
    remedy: 'Delete the key in SendGrid (Settings > API Keys) and create a new one with the smallest scope needed.',
    examples: {
      match: ['SENDGRID_API_KEY=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', "sgMail.setApiKey('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');"],
      noMatch: ['SENDGRID_API_KEY=SG.colQEX3Hq2Tb-l_x6CyAX6', 'SENDGRID_API_KEY=SG.your-api-key'],
    },
  },
  {
    id: 'mailgun-api-key',
    description: 'Mailgun API key (key-…)',
    severity: 'high',
    keywords: ['key-'],
    pattern: `${LB}(?<secret>key-[a-f0-9]{32})${RB}`,
    remedy: 'Delete the key in Mailgun (API Security) and create a new one.',
    examples: {
      match: ['MAILGUN_API_KEY=key-87bd32a0579630411fff676c5530a300', "auth=('api', 'key-b62b90e8ce1d4e83a8aa9980a94df269')"],
      noMatch: ['MAILGUN_API_KEY=key-9d75b5ab53131fff9514', 'cache-key-90bfcd90e2bb7d3ff4c0943f11339152'],
    },
  },
  {
    id: 'mailgun-private-key',
    description: 'Mailgun private API key or sending key (hex with two 8-hex suffixes)',
    severity: 'high',
    keywords: ['mailgun'],
    pattern: keyedValue('mailgun|mg_api|mg_key', '[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}'),
    flags: 'i',
    remedy: 'Delete the key in Mailgun (API Security or Sending Keys) and create a new one.',
    examples: {
      match: ['MAILGUN_API_KEY=83f612daf02cb97c94384ffb66546b71-a9f4318a-0e9df8d0'],
      noMatch: ['MAILGUN_DOMAIN=mg.corp.io', 'MAILGUN_API_KEY=cb88a5c3b44fcdf90c9b72c490be0348'],
    },
  },
  {
    id: 'mailchimp-api-key',
    description: 'Mailchimp Marketing API key (hex with data-centre suffix, e.g. -us12)',
    severity: 'high',
    keywords: ['-us'],
    pattern: `${LB}(?<secret>[a-f0-9]{32}-us[0-9]{1,2})${RB}`,
    remedy: 'Revoke the key in Mailchimp (Account > Extras > API keys) and create a new one.',
    examples: {
      match: ['MAILCHIMP_API_KEY=5a6710fcbe1e5113b1d602cce7f0cae7-us12', "mailchimp.setConfig({ apiKey: 'f15e886acc4b84d5ee358ad6fefa7e98-us6', server: 'us6' });"],
      noMatch: ['MAILCHIMP_API_KEY=bd92a82bd04eac9e697e-us12', 'locale: en-us'],
    },
  },
  {
    id: 'mandrill-api-key',
    description: 'Mailchimp Transactional (Mandrill) API key (md-)',
    severity: 'high',
    keywords: ['mandrill', 'mailchimp'],
    pattern: keyedValue('mandrill|mailchimp', 'md-[A-Za-z0-9_-]{22}'),
    flags: 'i',
    remedy: 'Delete the key in Mailchimp Transactional (Settings > SMTP & API Info) and create a new one.',
    examples: {
      match: ['MANDRILL_API_KEY=md-OQ_b7uIXeEClBt2t2fnV6a'],
      noMatch: ['MANDRILL_API_KEY=md-vW_TOGO7Bq'],
    },
  },
  {
    id: 'postmark-server-token',
    description: 'Postmark server or account API token',
    severity: 'high',
    keywords: ['postmark'],
    // Either a name that mentions Postmark (`POSTMARK_SERVER_TOKEN=`, `X-Postmark-Server-Token:`), or a
    // `token`/`key` entry inside a Postmark settings block (Laravel `'postmark' => ['token' => …]`,
    // Rails `postmark_settings = { api_token: … }`, YAML `postmark:` then `token:`).
    pattern: `postmark(?:[\\w.({ \\t-]{0,30}?${ASSIGN}|${POSTMARK_BLOCK})(?<secret>${UUID})${RB}`,
    flags: 'i',
    remedy: 'Regenerate the server (or account) token in Postmark (Server > API Tokens).',
    examples: {
      match: [
        'POSTMARK_SERVER_TOKEN=f9330f3c-96e1-5595-cd27-b3c0b62d7172',
        'curl -H "X-Postmark-Server-Token: 772321d9-c8d4-5783-e592-1b10320b565b" https://api.postmarkapp.com/email',
        "    'postmark' => [\n        'token' => '3c0e7a1d-58b2-4f96-a1e3-9d4c27b80f15',\n    ],",
        'config.action_mailer.postmark_settings = { api_token: "b71f02c4-6a3e-4d8b-95c0-2e7a1d9f4c36" }',
        'postmark:\n  server_token: 0d8e3f51-c27a-4b96-8e14-a5f3c9d07b22',
      ],
      noMatch: [
        'curl -H "X-Postmark-Server-Token: POSTMARK_API_TEST" https://api.postmarkapp.com/email',
        "    'postmark' => [\n        'message_stream_id' => '3c0e7a1d-58b2-4f96-a1e3-9d4c27b80f15',\n    ],",
      ],
    },
  },
  {
    id: 'sparkpost-api-key',
    description: 'SparkPost API key',
    severity: 'high',
    keywords: ['sparkpost'],
    pattern: keyedValue('sparkpost', '[a-f0-9]{40}'),
    flags: 'i',
    remedy: 'Delete the key in SparkPost (Configuration > API Keys) and create a new one.',
    examples: {
      match: ['SPARKPOST_API_KEY=ee4200c418c7d0e3dde34347d48f4b70e6586e89'],
      noMatch: ['SPARKPOST_API_KEY=fd6373183d1563e1d422'],
    },
  },
  {
    id: 'mailjet-api-key',
    description: 'Mailjet API key or secret key',
    severity: 'high',
    keywords: ['mailjet', 'mj_apikey'],
    pattern: keyedValue('mailjet|mj_apikey', '[a-f0-9]{32}'),
    flags: 'i',
    remedy: 'Regenerate the secret key in Mailjet (Account settings > API Key Management).',
    examples: {
      match: ['MJ_APIKEY_PRIVATE=91411f748c9e4bbb88a6935acb70911e', 'MAILJET_SECRET_KEY="3095c4823b7130c3e8b29d5ad1f11201"'],
      noMatch: ['MAILJET_SECRET_KEY=your-mailjet-secret'],
    },
  },
  {
    id: 'brevo-api-key',
    description: 'Brevo (Sendinblue) API or SMTP key (xkeysib-, xsmtpsib-)',
    severity: 'high',
    keywords: ['xkeysib-', 'xsmtpsib-'],
    pattern: `${LB}(?<secret>x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})${RB}`,
    remedy: 'Delete the key in Brevo (SMTP & API settings) and create a new one.',
    examples: {
      match: ['BREVO_API_KEY=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', 'SMTP_PASSWORD=xsmtpsib-26095fa0bb5382a21bf24ea075822ec98abf7ed012a41e20959e9ab078f6e3e7-7MMV6jnOG9SRT8F3'],
      noMatch: ['BREVO_API_KEY=xkeysib-645e067dba67b008800e7bce09c7edfe'],
    },
  },
  {
    id: 'resend-api-key',
    description: 'Resend API key (re_)',
    severity: 'high',
    keywords: ['re_'],
    pattern: `${LB}(?<secret>re_[A-Za-z0-9]{6,12}_[A-Za-z0-9]{20,32})${RB}`,
    entropy: 3.8,
    validate: hasLetterAndDigit,
    remedy: 'Delete the key at resend.com/api-keys and create a new one.',
    examples: {
      match: ['RESEND_API_KEY=re_uDye41J7_7h9IPKoyK797QBePioW84csi', "const resend = new Resend('re_PqTatR5Q_kFvNIJ76o1TlCmWVAliLIkDS');"],
      noMatch: ['static int re_compile_internal_pattern_buffer_for_matcher(void);', 'RESEND_API_KEY=re_iQj3s19r'],
    },
  },
  {
    id: 'mailersend-api-token',
    description: 'MailerSend API token (mlsn.)',
    severity: 'high',
    keywords: ['mlsn.'],
    pattern: `${LB}(?<secret>mlsn\\.[a-f0-9]{64})${RB}`,
    remedy: 'Delete the token in MailerSend (Integrations > API tokens) and create a new one.',
    examples: {
      match: ['MAILERSEND_API_KEY=mlsn.a1ccc137fa5e5350b5a80b93e25f1e884fdd71db9bcf51b2c0c56ce50c883acb'],
      noMatch: ['MAILERSEND_API_KEY=mlsn.6defbf8901d01e06d73d'],
    },
  },
  {
    id: 'onesignal-api-key',
    description: 'OneSignal REST API key (os_v2_app_, os_v2_org_)',
    severity: 'high',
    keywords: ['os_v2_'],
    pattern: `${LB}(?<secret>os_v2_(?:app|org)_[a-z0-9]{50,200})${RB}`,
    remedy: 'Rotate the key in OneSignal (Settings > Keys & IDs) and update every server that sends notifications.',
    examples: {
      match: ['ONESIGNAL_REST_API_KEY=os_v2_app_dnhcwiwhgdzsgtcibtpwsniiuvfzwmtefaglvnsjxfbdpzsixiehmbwcvnqrfwgesfnjflwpiwmryitapgymyglxnxbyxqxbigzffpgdzmponllyd'],
      noMatch: ['ONESIGNAL_REST_API_KEY=os_v2_app_uuwnltcbqkfaovgxecki'],
    },
  },
  {
    id: 'onesignal-legacy-api-key',
    description: 'OneSignal legacy REST API key (48 base64 characters next to a OneSignal name)',
    severity: 'high',
    keywords: ['onesignal'],
    pattern: keyedValue('onesignal', '[A-Za-z0-9]{48}', 'key|token|auth'),
    flags: 'i',
    validate: hasLetterAndDigit,
    remedy: 'Rotate the key in OneSignal (Settings > Keys & IDs).',
    examples: {
      match: ['ONESIGNAL_REST_API_KEY=bNQUYNMXLg7jhNQpAZGdPeDChyIWyHV45aWATIUlY3wbE5zL'],
      noMatch: ['ONESIGNAL_APP_ID=128526a8-d52a-4421-1ad8-b317bfff3ae9'],
    },
  },
  {
    id: 'pusher-app-secret',
    description: 'Pusher Channels app secret',
    severity: 'high',
    keywords: ['pusher'],
    pattern: keyedValue('pusher', '[a-f0-9]{20}', 'secret'),
    flags: 'i',
    remedy: 'Create a new key pair for the app in the Pusher dashboard (App Keys) and delete the old one.',
    examples: {
      match: ['PUSHER_APP_SECRET=3d5f3881b2a31a2440ac', "pusher_secret: '948fb4662031070d525c'"],
      noMatch: ['PUSHER_APP_KEY=aedf469c9953db631a02', 'PUSHER_APP_SECRET=${PUSHER_SECRET}'],
    },
  },
  {
    id: 'vonage-api-secret',
    description: 'Vonage (Nexmo) API secret',
    severity: 'high',
    keywords: ['vonage', 'nexmo'],
    pattern: keyedValue('vonage|nexmo', '[A-Za-z0-9]{16}', 'secret'),
    flags: 'i',
    validate: hasLetterAndDigit,
    remedy: 'Rotate the API secret in the Vonage API dashboard (Settings) and update every client.',
    examples: {
      match: ['VONAGE_API_SECRET=Mu4yCF36dVMoK4V7', 'nexmo_api_secret: "dAlY6z9Dgp5poUV2"'],
      noMatch: ['VONAGE_API_KEY=9e7c0a48', 'VONAGE_API_SECRET=yoursecretvalue'],
    },
  },
  {
    id: 'plivo-auth-token',
    description: 'Plivo auth token',
    severity: 'high',
    keywords: ['plivo'],
    pattern: keyedValue('plivo', '[A-Za-z0-9]{40}', 'token|secret'),
    flags: 'i',
    validate: hasLetterAndDigit,
    remedy: 'Regenerate the auth token in the Plivo console (Account > Overview).',
    examples: {
      match: ['PLIVO_AUTH_TOKEN=gBgT1RF9GrVSiYw3UyTiiXCraRCidqPDG7HiekB4'],
      noMatch: ['PLIVO_AUTH_ID=MAB4VQWZL6NMS7D0WOJU'],
    },
  },
  {
    id: 'telnyx-api-key',
    description: 'Telnyx API v2 key (KEY…_…)',
    severity: 'high',
    keywords: ['telnyx'],
    pattern: `${LB}(?<secret>KEY[0-9A-F]{32}_[A-Za-z0-9]{22})${RB}`,
    remedy: 'Delete the key in the Telnyx portal (Auth > API Keys) and create a new one.',
    examples: {
      match: ['TELNYX_API_KEY=KEY5E0E639622AB3C7C4D1467130B7ED1C5_JUfcduSwiC32l4fi0X38gH'],
      noMatch: ['TELNYX_API_KEY=KEYCD15C3EF0AEB43FA5F1FD26FF71B5376'],
    },
  },
  {
    id: 'kafka-jaas-password',
    description: 'Password in a Kafka SASL JAAS configuration (PlainLoginModule / ScramLoginModule … password="…")',
    severity: 'critical',
    keywords: ['loginmodule'],
    // `sasl.jaas.config` in .properties, Spring YAML, HOCON or Java strings, where the quotes around
    // values may be escaped (`password=\"…\"`) and a long line may be continued with a backslash.
    pattern: String.raw`LoginModule[ \t]+required(?:[\s\\]{1,8}[A-Za-z_.]{1,40}[ \t]*=[ \t]*(?:\\?"[^"\\\r\n]{0,300}\\?"|'[^'\r\n]{0,300}'|[^\s;"'\\]{1,300})){0,10}?[\s\\]{1,8}password[ \t]*=[ \t]*\\?["'](?<secret>[^"'\\\r\n]{1,256})\\?["']`,
    validate: isRealJaasPassword,
    remedy: 'Rotate the SASL credential (for Confluent Cloud: delete the API key and create a new one) and inject sasl.jaas.config from a secret store.',
    examples: {
      match: [
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="7QBVKXJ4M2ZC5RTA" password="uR3k9Fz2Lq8WmN4xVb7Tc1Hy6Pd0Gs5Ja2Ke8Ro4Mi9Qw3Zt7Yn1Xv6Bu0Cl5Sh";',
        'kafka {\n  sasl.jaas.config = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"events\\" password=\\"Wq8vN2rT5kLz9xYb3Hd\\";"\n}',
        'spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n    username="orders" \\\n    password="p9X!vL2q#Tz7mK4w";',
      ],
      noMatch: [
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="alice-secret";',
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${KAFKA_USER}" password="${KAFKA_PASSWORD}";',
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="{{ CLUSTER_API_KEY }}" password="<api-secret>";',
      ],
    },
  },
  {
    id: 'google-app-password',
    description: 'Google account app password (16 lower-case letters, often shown in groups of four) as an SMTP/mail password',
    severity: 'high',
    keywords: ['smtp', 'mail_', 'mail.', 'gmail', 'app_password', 'app-password'],
    // Django EMAIL_HOST_PASSWORD, Spring spring.mail.password, Laravel MAIL_PASSWORD, nodemailer `pass:`
    // under smtp: the usual homes of a Gmail app password.
    pattern: `(?:smtp|e?mail|gmail|google)[\\w.-]{0,20}?(?:pass(?:word|wd)?|pwd)["'\`]?[ \\t]{0,4}(?::=|=>|=|:)[ \\t]{0,4}["'\`]?(?<secret>[a-z]{4}(?:[a-z]{12}|[ ][a-z]{4}[ ][a-z]{4}[ ][a-z]{4}))(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    validate: (password: string): boolean => /^[a-z ]+$/.test(password) && !isPlaceholderPassword(password),
    remedy: 'Revoke the app password in the Google account (Security > App passwords) and use OAuth2 or a secret store for SMTP.',
    examples: {
      match: ["EMAIL_HOST = 'smtp.gmail.com'\nEMAIL_HOST_PASSWORD = 'ezggaephweczlzmk'", 'spring.mail.password=xfic mdnj nrsa iujx'],
      noMatch: ["EMAIL_HOST_PASSWORD = 'EzggaephweczlzmK'", "EMAIL_HOST_PASSWORD = 'changemechangeme'", "MAIL_PASSWORD=aaaabbbbccccdddd"],
    },
  },
];
