import type { RuleSpec } from '../types.js';
import { isBase64OfLength } from '../checksums.js';

/** Cloud and hosting providers: AWS, Google Cloud, Azure, Alibaba, IBM, DigitalOcean, Linode, Heroku, Cloudflare, Fastly, Vercel, Netlify, Fly.io, Render, Supabase, Firebase, Scaleway, Tencent. */
// Every example secret below is a synthetic random value; checksum formats carry a valid checksum
// and their false examples include the same token with one character changed.
export const cloudRules: readonly RuleSpec[] = [
  {
    id: 'aws-access-key-id',
    description: "AWS long-term access key ID (AKIA…), the public half of an IAM user access key pair",
    severity: 'critical',
    keywords: ["akia", "abia", "acca", "a3t"],
    pattern: String.raw`\b(?<secret>(?:AKIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b`,
    entropy: 3,
    remedy: "Deactivate and delete the access key in IAM (Users > Security credentials), create a new one, and review CloudTrail for its use.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "export AWS_ACCESS_KEY_ID=AKIATUVPV6LCFIZVLGLR",
        "aws_access_key_id = AKIAGU5TYSAMHXWXHVSF",
        "{\"AccessKeyId\": \"AKIATUVPV6LCFIZVLGLR\"}",
      ],
      noMatch: [
        "export AWS_ACCESS_KEY_ID=AKIATUVPV6LCFIZVLGL",
        "const id = \"XAKIATUVPV6LCFIZVLGLR\";",
        "aws_access_key_id = AKIAie2ypyzeh3z46sxl",
        "key = AKIATUVPV6LCFIZVLGLRQ7",
      ],
    },
  },
  {
    id: 'aws-temporary-access-key-id',
    description: "AWS temporary access key ID (ASIA…) issued by STS together with a session token",
    severity: 'high',
    keywords: ["asia"],
    pattern: String.raw`\b(?<secret>ASIA[A-Z2-7]{16})\b`,
    entropy: 3,
    remedy: "Revoke the role session (IAM role > Revoke active sessions) and find where the temporary credentials were written out.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "AWS_ACCESS_KEY_ID=ASIAV6Z3PTR6OGHHV7Y5",
        "\"AccessKeyId\": \"ASIAV6Z3PTR6OGHHV7Y5\",",
      ],
      noMatch: [
        "region = ASIAPACIFIC",
        "AWS_ACCESS_KEY_ID=ASIAV6Z3PTR6OGHHV7",
        "ID_ASIAV6Z3PTR6OGHHV7Y5",
      ],
    },
  },
  {
    id: 'aws-secret-access-key',
    description: "AWS secret access key assigned next to an AWS keyword",
    severity: 'critical',
    keywords: ["aws", "secretaccess", "secret_access", "secret-access"],
    pattern: String.raw`(?:aws[\w.-]{0,20}?secret|secret[_-]?access[_-]?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    flags: 'i',
    entropy: 4,
    allowlist: {
      secretPatterns: [String.raw`^[A-Za-z_.-]+$`],
    },
    remedy: "Deactivate the access key pair in IAM, create a new one, and review CloudTrail for activity with the old key.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "ENV AWS_SECRET_ACCESS_KEY ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl",
        "aws configure set aws_secret_access_key SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm",
        "{\\\"aws_secret_access_key\\\": \\\"ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl\\\"}",
        "aws_secret_access_key = SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm",
        "export AWS_SECRET_ACCESS_KEY=\"ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl\"",
        "  \"SecretAccessKey\": \"SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm\",",
        "AWS_SECRET_KEY: 'ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl'",
      ],
      noMatch: [
        "aws_secret_access_key = SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Oh",
        "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
        "const awsSecretName = \"SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0OhmZ9\"",
        "aws_secret_access_key = AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhIjKlMn",
      ],
    },
  },
  {
    id: 'aws-secret-access-key-near-key-id',
    description: "AWS secret access key assigned within a few lines after an AWS access key ID (Terraform provider blocks, SDK configs)",
    severity: 'critical',
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b[^\0]{0,300}?(?:secret|private)[\w.-]{0,20}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    entropy: 4,
    allowlist: {
      secretPatterns: [String.raw`^[A-Za-z_.-]+$`],
    },
    remedy: "Deactivate the access key pair in IAM, create a new one, and review CloudTrail for activity with the old key.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "provider \"aws\" {\n  access_key = \"AKIATUVPV6LCFIZVLGLR\"\n  secret_key = \"SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm\"\n}",
        "new S3Client({ credentials: { accessKeyId: 'AKIAGU5TYSAMHXWXHVSF', secretAccessKey: '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' } })",
      ],
      noMatch: [
        "provider \"aws\" {\n  access_key = \"AKIATUVPV6LCFIZVLGLR\"\n  secret_key = var.secret_key\n}",
        "access_key = \"AKIATUVPV6LCFIZVLGLR\"\nregion = \"SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm\"",
      ],
    },
  },
  {
    id: 'aws-secret-access-key-pair',
    description: "AWS access key ID immediately followed by its secret (credentials CSV rows, id:secret pairs, constructor arguments)",
    severity: 'critical',
    keywords: ["akia", "asia", "abia", "acca"],
    pattern: String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}["']?[ \t]{0,2}[,:;|][ \t]{0,2}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`,
    entropy: 4,
    remedy: "Deactivate the access key pair in IAM, create a new one, and delete the downloaded credentials file.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "User name,Password,Access key ID,Secret access key\ndeploy,,AKIATUVPV6LCFIZVLGLR,SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm",
        "AWS_CREDS=AKIAGU5TYSAMHXWXHVSF:ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl",
        "AWSCredentials creds = new BasicAWSCredentials(\"AKIATUVPV6LCFIZVLGLR\", \"ImP5erkPhoZqPUXL64qPRDeiSb/HDl1Bsh0MovVl\");",
        "creds := credentials.NewStaticCredentials(\"AKIAGU5TYSAMHXWXHVSF\", \"SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn4CkGCJ0Ohm\", \"\")",
      ],
      noMatch: [
        "deploy,,AKIATUVPV6LCFIZVLGLR,SDHaPlB3bqRXzmPVoSrkWjZ5os15Xn",
        "AKIATUVPV6LCFIZVLGLR,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      ],
    },
  },
  {
    id: 'aws-session-token',
    description: "AWS STS session token (base64 blob starting IQoJb3JpZ2luX2Vj or FwoGZXIvYXdz)",
    severity: 'high',
    keywords: ["iqojb3jpz2lux2vj", "fwogzxivyxdz", "fqogzxivyxdz"],
    pattern: String.raw`(?<![A-Za-z0-9/+])(?<secret>(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+]{80,2000}={0,2})(?![A-Za-z0-9/+=])`,
    entropy: 4,
    remedy: "Revoke active sessions of the IAM role that issued the token and stop writing STS credentials to files.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "aws_session_token = IQoJb3JpZ2luX2VjEbktRzp68+0dfvi4dcoYLtC1biAIbEW2lp6kZHqn5u+YaikkgAMjlhRTg9iJveFJDp/T8BhnEWRSvUEckQGmltrb6K9lHv0LChp/p6K04OASMjTGYVLAaChSD0thcUN6c+jxv47RtFwvEq9MUvfpDN5PX0a+sGu3R6G9c6WfBtOK9ZdpynorxQ3Eph7UY7c0PCwwuWMlKWZ4w85/MH/A5bSuaIfsRyS0C6cHoH668ndWqn9XQgVXhZTb9KKPurh6fL8uHWGeClq/QS6iDk2XPC/6RLE5Urwo4Tc3oxNaw8tga==",
        "\"SessionToken\": \"FwoGZXIvYXdzE1UaoYtdYWTXhEGjiu4SrJJXf7ODGXjmvV+D55tdMatnxagu6NM351ja70zJGUzxQwOYAI2KZjANEQv2EOWiy8pWZJaBf8bX8jgX2IgyyC4rPhbmftdoZUoWfPDuMakYYhbJWA6if7CYFc2tmbe1u3U9J3M6lwxgF8/Q2w2/em2KnT4Bm69Vdyj34e9q8Uhxkf2+f3r4F\"",
      ],
      noMatch: [
        "aws_session_token = IQoJb3JpZ2luX2VjE3niJgU3PUSVpZryUgy5vEuH2pPkAOmfYOJP2aLFH",
        "xFwoGZXIvYXdzE1UaoYtdYWTXhEGjiu4SrJJXf7ODGXjmvV+D55tdMatnxagu6NM351ja70zJGUzxQwOYAI2KZjANEQv2EOWiy8pWZJaBf8bX8jgX2IgyyC4rPhbmftdoZUoWfPDuMakYYhbJWA6if7CYFc2tmbe1u3U9J3M6lwxgF8/Q2w2/em2KnT4Bm69Vdyj34e9q8Uhxkf2+f3r4F",
      ],
    },
  },
  {
    id: 'aws-mws-auth-token',
    description: "Amazon Marketplace Web Service (MWS) auth token",
    severity: 'high',
    keywords: ["amzn.mws."],
    pattern: String.raw`\b(?<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b`,
    remedy: "Revoke the developer authorization in Seller Central (Apps and Services > Manage Your Apps) and re-authorize.",
    tags: ['cloud', 'aws'],
    examples: {
      match: [
        "MWS_AUTH_TOKEN=amzn.mws.6dfdbac6-291b-4577-aea6-b84bfa6c4ffb",
      ],
      noMatch: [
        "MWS_AUTH_TOKEN=amzn.mws.9ea728fd-57cf-4111-a4a5-ce2078",
        "amzn.mws.E1F98D74-3D87-4E8C-A418-564F17B0430E",
      ],
    },
  },
  {
    id: 'gcp-api-key',
    description: "Google Cloud / Firebase API key (AIza…)",
    severity: 'high',
    keywords: ["aiza"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])`,
    entropy: 3.5,
    remedy: "Delete or regenerate the key in Google Cloud Console (APIs & Services > Credentials) and add API and referrer restrictions to its replacement.",
    tags: ['cloud', 'gcp'],
    examples: {
      match: [
        "GOOGLE_API_KEY=AIzagaJvoJcvlfkHvJq0D5zZYzgdBqpvXDNrukX",
        "  apiKey: \"AIzagaJvoJcvlfkHvJq0D5zZYzgdBqpvXDNrukX\",",
      ],
      noMatch: [
        "GOOGLE_API_KEY=AIzagaJvoJcvlfkHvJq0D5zZYzgdBqpvXDNruk",
        "GOOGLE_API_KEY=AIzagaJvoJcvlfkHvJq0D5zZYzgdBqpvXDNrukXQ",
        "fooAIzagaJvoJcvlfkHvJq0D5zZYzgdBqpvXDNrukX",
      ],
    },
  },
  {
    id: 'gcp-service-account-key-id',
    description: "Google Cloud service account key file (private_key_id next to the key)",
    severity: 'critical',
    keywords: ["private_key_id"],
    pattern: String.raw`private_key_id\\?["']?[ \t]{0,3}[:=][ \t]{0,3}\\?["']?(?<secret>[0-9a-f]{40})(?![0-9A-Za-z])`,
    flags: 'i',
    entropy: 3,
    remedy: "Delete the service account key in IAM & Admin > Service Accounts > Keys, and prefer workload identity over key files.",
    tags: ['cloud', 'gcp'],
    examples: {
      match: [
        "  \"private_key_id\": \"80cc37a87a39d43fdb2ba040c7289849bba5500e\",",
        "{\\\"type\\\": \\\"service_account\\\", \\\"private_key_id\\\": \\\"80cc37a87a39d43fdb2ba040c7289849bba5500e\\\"}",
        "GCP_PRIVATE_KEY_ID=80cc37a87a39d43fdb2ba040c7289849bba5500e",
      ],
      noMatch: [
        "  \"private_key_id\": \"80cc37a87a39d43fdb2ba040c7289849bba5500\",",
        "  \"private_key_id\": \"\",",
        "  \"client_id\": \"80cc37a87a39d43fdb2ba040c7289849bba5500e\",",
      ],
    },
  },
  {
    id: 'gcp-oauth-client-secret',
    description: "Google OAuth client secret (GOCSPX-…)",
    severity: 'high',
    keywords: ["gocspx-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])`,
    entropy: 3.5,
    remedy: "Reset the client secret of the OAuth client in Google Cloud Console (APIs & Services > Credentials).",
    tags: ['cloud', 'gcp'],
    examples: {
      match: [
        "\"client_secret\": \"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\"",
        "GOOGLE_CLIENT_SECRET=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",
      ],
      noMatch: [
        "GOOGLE_CLIENT_SECRET=GOCSPX-6D5ZX49iRSHrOKSppz_6SDp",
        "GOOGLE_CLIENT_SECRET=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abc",
      ],
    },
  },
  {
    id: 'google-oauth-access-token',
    description: "Google OAuth 2.0 access token (ya29.…)",
    severity: 'high',
    keywords: ["ya29."],
    pattern: String.raw`(?<![A-Za-z0-9_.-])(?<secret>ya29\.[0-9A-Za-z_-]{30,1500})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Revoke the token at https://oauth2.googleapis.com/revoke and find the process that logged it.",
    tags: ['cloud', 'gcp'],
    examples: {
      match: [
        "Authorization: Bearer ya29.a0BFlAsTVMNMTPIC1btZPOZoxzGjReg01iiuNjJZQeYkZ4PokHoRiR3hXo9tyaYRxN8WvpwMOK44BQnD1FMaNXX0L1t0BNFDH3qkhO7sC4yjrrHvBXX8_pIAA6AAxEclp3Kc3A5TlfK4j8F-x4PdU_Ot",
        "access_token = \"ya29.a0BFlAsTVMNMTPIC1btZPOZoxzGjReg01iiuNjJZQeYkZ4PokHoRiR3hXo9tyaYRxN8WvpwMOK44BQnD1FMaNXX0L1t0BNFDH3qkhO7sC4yjrrHvBXX8_pIAA6AAxEclp3Kc3A5TlfK4j8F-x4PdU_Ot\"",
      ],
      noMatch: [
        "Authorization: Bearer ya29.JW2eRuxhPLO1",
        "mya29.dIc6BlTr2FaR2dFtfLSUz5LCVMuv5yQepxuJdJ0P2CltXHVF4g3wgBguiiar",
      ],
    },
  },
  {
    id: 'google-oauth-refresh-token',
    description: "Google OAuth 2.0 refresh token (1//0…)",
    severity: 'high',
    keywords: ["1//0"],
    pattern: String.raw`(?<![A-Za-z0-9_/-])(?<secret>1//0[A-Za-z0-9_-]{40,500})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Revoke the refresh token at https://oauth2.googleapis.com/revoke or remove the app's access in the Google account (Security > Third-party access).",
    tags: ['cloud', 'gcp'],
    examples: {
      match: [
        "\"refresh_token\": \"1//0EVDQWLvhQ8hD5fo3QWul1MKtl98926oyIvx4qr2K7_BtHVsVp18GiV5t6_b4Nh1uxYbWVLXMC9jAWm13eiS4VSjcGy9BsYYWWG_\"",
        "GOOGLE_REFRESH_TOKEN=1//0gD6yTPDS7mzsElfUM2j_UcWY4XJQhfIgZ22W38isGVZTZ7CZ2nocDmB748KbwkvYv5IdjJsY5EDMUTLbcIYg0nLsIZ0ItnjhcSd",
      ],
      noMatch: [
        "ratio = total * 1//0k8xu4hva",
        "\"refresh_token\": \"1//0tttftQperld6iT83ZSJz\"",
      ],
    },
  },
  {
    id: 'firebase-cloud-messaging-server-key',
    description: "Firebase Cloud Messaging legacy server key (AAAA…:APA91b…)",
    severity: 'high',
    keywords: ["apa91b"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])`,
    remedy: "Delete the server key in the Firebase console (Project settings > Cloud Messaging) and migrate to the HTTP v1 API with service account credentials.",
    tags: ['cloud', 'firebase'],
    examples: {
      match: [
        "FCM_SERVER_KEY=AAAA5pesDgt:APA91bYJTGOst5r-FJnOwzcecEshAqplo2EuzZES00w4mQzWItxG4DsQj6jUeGwY-ChkUfyFxUQGSXaLBLvLphhQZRwcAs1iFgZMoO-KF23qNXANyS01I04xNdVkjJEhZbnE3VWf3Duv",
        "headers: { Authorization: \"key=AAAA5pesDgt:APA91bYJTGOst5r-FJnOwzcecEshAqplo2EuzZES00w4mQzWItxG4DsQj6jUeGwY-ChkUfyFxUQGSXaLBLvLphhQZRwcAs1iFgZMoO-KF23qNXANyS01I04xNdVkjJEhZbnE3VWf3Duv\" }",
      ],
      noMatch: [
        "FCM_SERVER_KEY=AAAA5pesDgt:APA91bYJTGOst5r-FJnOwzcecEshAqplo2EuzZES00w4mQzWItxG4DsQj6jUeGwY-ChkUfyFxUQGSXaLBLvLphhQ",
        "registration_id: \"APA91bJU7gJCuXTiVlDP2P4WyD3AEagul3aYsdJyrFpWI13GeOIbBox8YI68TKxP92eXQMvXchrINLDpI7awr1aZuilrI7JEcO4p-WD7zcOC3o9BGacrPsN1Wu4W4QU6so6Df6ZaF4Pf\"",
      ],
    },
  },
  {
    id: 'azure-storage-account-key',
    description: "Azure Storage / Cosmos DB account key in a connection string (AccountKey=…)",
    severity: 'critical',
    keywords: ["accountkey"],
    pattern: String.raw`AccountKey[ \t]{0,2}=[ \t]{0,2}(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    // The two well-known Azurite / storage emulator keys are public.
    allowlist: {
      secretPatterns: [String.raw`^Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==$`, String.raw`^C2y6yDjf5/R\+ob0N8A7Cgv30VRDJIWEHLM\+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==$`],
    },
    validate: (secret) => isBase64OfLength(secret, 64),
    remedy: "Rotate the storage account access key (Storage account > Security + networking > Access keys) and move clients to Entra ID or SAS with short expiry.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "DefaultEndpointsProtocol=https;AccountName=prodlogs7;AccountKey=j55e/+/jU50aj3e1C1rffUhsDy6hXdhR6EmmrQXtR9AdWvmgnkYKFRjhKw893zOentX/Ymc/5sp9L7dCfGdMPw==;EndpointSuffix=core.windows.net",
        "\"ConnectionString\": \"AccountEndpoint=https://shop.documents.azure.com:443/;AccountKey=YYScWslKk+QAm/VsiOQgFMq9DeD2jhxno8HKkd0jt6YJ37uhh9kF9/VPIkLNVvAiVjg5BMJKyJSKfhr7TrYUPA==;\"",
      ],
      noMatch: [
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
        "AccountName=prodlogs7;AccountKey=j55e/+/jU50aj3e1C1rffUhsDy6hXdhR6EmmrQXtR9AdWvmgnkYKFRjhKw893zOentX/Ymc/5sp9L7dC==;",
        "AccountName=prodlogs7;AccountKey=;",
      ],
    },
  },
  {
    id: 'azure-storage-key-assignment',
    description: "Azure storage account key (88-character base64) assigned to an Azure storage setting",
    severity: 'critical',
    keywords: ["azure", "storage"],
    pattern: String.raw`(?:(?:azure|storage)[\w.-]{0,20}?(?:account[_.-]?)?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    validate: (secret) => isBase64OfLength(secret, 64),
    remedy: "Rotate the storage account access key in the Azure portal and store the new one in Key Vault.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "AZURE_STORAGE_KEY=YYScWslKk+QAm/VsiOQgFMq9DeD2jhxno8HKkd0jt6YJ37uhh9kF9/VPIkLNVvAiVjg5BMJKyJSKfhr7TrYUPA==",
        "storage_account_key: \"j55e/+/jU50aj3e1C1rffUhsDy6hXdhR6EmmrQXtR9AdWvmgnkYKFRjhKw893zOentX/Ymc/5sp9L7dCfGdMPw==\"",
      ],
      noMatch: [
        "AZURE_STORAGE_KEY=YYScWslKk+QAm/VsiOQgFMq9DeD2jhxno8HKkd0jt6YJ37uhh9kF9/VPIkLN",
        "AZURE_STORAGE_KEY_NAME=primary",
      ],
    },
  },
  {
    id: 'azure-shared-access-key',
    description: "Azure Service Bus / Event Hubs / IoT Hub shared access key in a connection string",
    severity: 'critical',
    keywords: ["sharedaccesskey"],
    pattern: String.raw`SharedAccessKey[ \t]{0,2}=[ \t]{0,2}(?<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])`,
    flags: 'i',
    entropy: 4,
    remedy: "Regenerate the shared access policy key (Shared access policies > Regenerate) and update its consumers.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Rb6R9XpfYvpUt9szaOgwzciL1ZJaduyCI8GCqAxrVFA=",
      ],
      noMatch: [
        "Endpoint=sb://orders-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=",
        "SharedAccessKey=Rb6R9XpfYvpUt9szaOgwzciL1ZJadu",
      ],
    },
  },
  {
    id: 'azure-sas-token',
    description: "Azure shared access signature (SAS) URL or query string with a signature",
    severity: 'high',
    keywords: ["sig="],
    pattern: String.raw`[?&](?:sv|sp|st|se|sr|ss|srt|spr|skoid)=[^\s"'<>&]{1,60}&[^\s"'<>]{0,300}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{43,64}(?:%3D|=)?)(?![A-Za-z0-9%+/=])`,
    // Logic Apps / Power Automate trigger URLs (sv=1.0) carry a workflow signature, not a storage SAS.
    allowlist: {
      matchPatterns: [String.raw`[?&]sv=1\.0(?:&|$)`],
    },
    remedy: "Rotate the storage account key (or user delegation key) that signed the SAS, or delete the stored access policy it references.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "https://prodlogs7.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&spr=https&sig=wVOUOWaBWPSBhdCi89aCnPD7GCI7ZSeMJSYbNwNXHUo%3D",
        "BLOB_SAS=\"?sp=r&st=2025-01-01T00:00:00Z&se=2025-02-01T00:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=wVOUOWaBWPSBhdCi89aCnPD7GCI7ZSeMJSYbNwNXHUo%3D\"",
      ],
      noMatch: [
        "https://prod-12.westeurope.logic.azure.com:443/workflows/0306976ac869e8a21481054c386cf8d7/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=bBIa3phO9cYA840RO8p_qtZT_ORHuiSeG42dGNTKFIf",
        "https://prodlogs7.blob.core.windows.net/backups?sv=2022-11-02&sp=rl&sig=",
        "https://cdn.host.net/a.js?v=2&sig=bVtlVF9UOorx",
      ],
    },
  },
  {
    id: 'azure-ad-client-secret',
    description: "Microsoft Entra ID (Azure AD) application client secret (…Q~…)",
    severity: 'high',
    keywords: ["0q~", "1q~", "2q~", "3q~", "4q~", "5q~", "6q~", "7q~", "8q~", "9q~"],
    pattern: String.raw`(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])`,
    entropy: 3.5,
    remedy: "Delete the client secret in Entra ID (App registrations > Certificates & secrets) and create a new one, or switch to a certificate or federated credential.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "AZURE_CLIENT_SECRET=C7S8Q~mB4V~N4_rTBsjsvOFZIOdXE8iS.~3t.D~t",
        "\"clientSecret\": \"C7S8Q~mB4V~N4_rTBsjsvOFZIOdXE8iS.~3t.D~t\"",
      ],
      noMatch: [
        "AZURE_CLIENT_SECRET=C7S8Q~mB4V~N4_rTBsjsvOFZI",
        "AZURE_CLIENT_SECRET=C7S8Q-mB4V~N4_rTBsjsvOFZIOdXE8iS.~3t.D~t",
      ],
    },
  },
  {
    id: 'azure-devops-pat',
    description: "Azure DevOps personal access token (84-character format with the JQQJ…AZDO signature)",
    severity: 'high',
    keywords: ["azdo"],
    // Microsoft's identifiable key layout: 52 random characters, the JQQJ marker, version and date
    // fields (20 characters in issued tokens), the provider signature AZDO and 4 checksum characters.
    pattern: String.raw`(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{5,20}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])`,
    entropy: 4,
    remedy: "Revoke the token in Azure DevOps (User settings > Personal access tokens) and create a narrower, shorter-lived one.",
    tags: ['cloud', 'azure', 'ci'],
    examples: {
      match: [
        "AZURE_DEVOPS_EXT_PAT=JxeElEgL29rTYxh8RIz7acP3CqbRexmOspUlXXyJ7g8GavKGVkGkJQQJ99gWjAZDOiIHI",
        "git clone https://build:JxeElEgL29rTYxh8RIz7acP3CqbRexmOspUlXXyJ7g8GavKGVkGkJQQJ99gWjAZDOiIHI@dev.azure.com/contoso/app/_git/app",
        "$env:AZURE_DEVOPS_EXT_PAT = \"B44abmbqbkBZxcOfy7FEksEQxU8KZqpqd1iy7cwNBiTL3e5hEPO3JQQJ99BLACAAAAAAGs7QkWmSAZDOKKAl\"",
      ],
      noMatch: [
        "AZURE_DEVOPS_EXT_PAT=xeElEgL29rTYxh8RIz7acP3CqbRexmOspUlXXyJ7g8GavKGVkGkJQQJ99gWjAZDOiIHI",
        "AZURE_DEVOPS_EXT_PAT=JxeElEgL29rTYxh8RIz7acP3CqbRexmOspUlXXyJ7g8GavKGVkGkJQQJ99gWjAZDXiIHI",
      ],
    },
  },
  {
    id: 'azure-devops-pat-legacy',
    description: "Azure DevOps personal access token (52-character legacy format) next to an Azure DevOps name",
    severity: 'high',
    keywords: ["devops", "vsts", "azdo", "ado_", "ado-", "ado.", "system_accesstoken", "system.accesstoken"],
    // Legacy PATs are 52 lower-case letters and digits. Besides AZURE_DEVOPS_EXT_PAT (read by the az
    // devops CLI) and friends, pipelines pass them as SYSTEM_ACCESSTOKEN; PowerShell sets `$env:NAME = "…"`.
    pattern: String.raw`(?:(?:azure[_.-]?devops|(?<![A-Za-z0-9])ado|azdo|vsts|system[_.]access)[\w.-]{0,15}?(?:pat|token|password|secret))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-z0-9]{52})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Revoke the token in Azure DevOps (User settings > Personal access tokens) and create a narrower, shorter-lived one.",
    tags: ['cloud', 'azure', 'ci'],
    examples: {
      match: [
        "AZURE_DEVOPS_PAT=b5s66tixh4me5gbjxmrcawxgalxr3dyjetvbgbgmd4l5k6injuy6",
        "vsts_token: \"dhrlp2nondrl3tbs6pdv4sjwttk5w4gm4s4ydbrqox3eepfgqdzw\"",
        "$env:AZURE_DEVOPS_EXT_PAT = \"q0f8t3kz9wmx1cj5r7hb2nd4yv6la8ep0s1gu9oi3x7ck5mq2z8b\"",
        "      SYSTEM_ACCESSTOKEN: 7hd9w2kq0x5mz1r8c3vjb6tf4ny0pe2sl9ag7ui1ko3xq5wc8dm4",
      ],
      noMatch: [
        "AZURE_DEVOPS_PAT=55xkrowcgrztipzigrfc4kys7xetls63irjbffzm5yr5jx342hw",
        "AZURE_DEVOPS_ORG=zyp4jz24u77wmprvs4x4fvyhokfaaqj3dau2fsut7r4r43qmr65v",
        "$env:AZURE_DEVOPS_EXT_PAT = \"q0f8t3kz9wmx1cj5r7hb2nd4yv6la8ep0s1gu9oi3x7ck5mq2z\"",
      ],
    },
  },
  {
    id: 'alibaba-access-key-id',
    description: "Alibaba Cloud AccessKey ID (LTAI…)",
    severity: 'high',
    keywords: ["ltai"],
    pattern: String.raw`\b(?<secret>LTAI[A-Za-z0-9]{12,20})\b`,
    entropy: 3.5,
    remedy: "Disable and delete the AccessKey in the RAM console and create a new one for a RAM user with least privilege.",
    tags: ['cloud', 'alibaba'],
    examples: {
      match: [
        "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tXDrXJtTCzQhefNfgWw",
        "access_key_id: LTAI5tXDrXJtTCzQhefNfgWw",
      ],
      noMatch: [
        "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAIlr3DCsMU",
        "id = \"XLTAI5tXDrXJtTCzQhefNfgWw\"",
      ],
    },
  },
  {
    id: 'alibaba-access-key-secret',
    description: "Alibaba Cloud AccessKey secret next to an Alibaba keyword",
    severity: 'critical',
    keywords: ["alibaba", "aliyun", "alicloud", "accesskeysecret", "access_key_secret", "access-key-secret"],
    pattern: String.raw`(?:(?:alibaba|aliyun|alicloud)[\w.-]{0,25}?secret|access[_-]?key[_-]?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Disable and delete the AccessKey pair in the RAM console and create a new one.",
    tags: ['cloud', 'alibaba'],
    examples: {
      match: [
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET=FYtkn91l1IqmAhTf3meyad76EvBJub",
        "accessKeySecret: 'IIiju7INDrnrrJS6Os11gpwxIHqAnm',",
      ],
      noMatch: [
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET=FYtkn91l1IqmAhTf3meyad76EvBJu",
        "ALIBABA_CLOUD_REGION=FYtkn91l1IqmAhTf3meyad76EvBJub",
      ],
    },
  },
  {
    id: 'tencent-cloud-secret-id',
    description: "Tencent Cloud API SecretId (AKID…)",
    severity: 'high',
    keywords: ["akid"],
    pattern: String.raw`\b(?<secret>AKID[A-Za-z0-9]{32})\b`,
    entropy: 3.8,
    remedy: "Disable and delete the API key in Tencent Cloud CAM (API Key Management) and create a new one.",
    tags: ['cloud', 'tencent'],
    examples: {
      match: [
        "TENCENTCLOUD_SECRET_ID=AKIDZJ87ts7levbHF4QjUPGEWh8i1jBmGpc8",
      ],
      noMatch: [
        "TENCENTCLOUD_SECRET_ID=AKIDZJ87ts7levbHF4QjUPGEWh8i1j",
        "TENCENTCLOUD_SECRET_ID=AKIDZJ87ts7levbHF4QjUPGEWh8i1jBmGpc8x",
      ],
    },
  },
  {
    id: 'ibm-cloud-api-key',
    description: "IBM Cloud API key next to an IBM keyword",
    severity: 'critical',
    keywords: ["ibm", "bluemix"],
    pattern: String.raw`(?:(?:ibm|bluemix)[\w.-]{0,20}?api[_.-]?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Delete the API key in IBM Cloud (Manage > Access (IAM) > API keys) and create a new one.",
    tags: ['cloud', 'ibm'],
    examples: {
      match: [
        "IBMCLOUD_API_KEY=1sY38wMF6WQ7egPrOhhQEViesm3UeBuBHHxA-E2KDzdk",
        "\"ibm_api_key\": \"7lC5mDwGaTnITDY97u07eGMuy3N99XqBFvHOzr4W-bUN\"",
      ],
      noMatch: [
        "IBMCLOUD_API_KEY=1sY38wMF6WQ7egPrOhhQEViesm3UeBuBHHxA-E2K",
        "IBMCLOUD_REGION=1sY38wMF6WQ7egPrOhhQEViesm3UeBuBHHxA-E2KDzdk",
      ],
    },
  },
  {
    id: 'digitalocean-pat',
    description: "DigitalOcean personal access token (dop_v1_…)",
    severity: 'critical',
    keywords: ["dop_v1_"],
    pattern: String.raw`\b(?<secret>dop_v1_[a-f0-9]{64})\b`,
    entropy: 3,
    remedy: "Delete the token in the DigitalOcean control panel (API > Tokens) and create a new scoped one.",
    tags: ['cloud', 'digitalocean'],
    examples: {
      match: [
        "export DIGITALOCEAN_TOKEN=dop_v1_c04a96fb6d400b21485f0b29ecc964b6e30005cf71fbc040fa0dd213ceded55b",
        "do_token = \"dop_v1_9f812737467ce7ef3aa26a76beed1accbadc87f0749392b616c280493e67c4ec\"",
      ],
      noMatch: [
        "export DIGITALOCEAN_TOKEN=dop_v1_c04a96fb6d400b21485f0b29ecc964b6e30005cf71fbc040fa0dd213cede",
        "export DIGITALOCEAN_TOKEN=dop_v2_c04a96fb6d400b21485f0b29ecc964b6e30005cf71fbc040fa0dd213ceded55b",
      ],
    },
  },
  {
    id: 'digitalocean-oauth-token',
    description: "DigitalOcean OAuth access token (doo_v1_…)",
    severity: 'critical',
    keywords: ["doo_v1_"],
    pattern: String.raw`\b(?<secret>doo_v1_[a-f0-9]{64})\b`,
    entropy: 3,
    remedy: "Revoke the OAuth authorization in the DigitalOcean control panel (API > OAuth applications / Authorized applications).",
    tags: ['cloud', 'digitalocean'],
    examples: {
      match: [
        "token: doo_v1_ca6a41e05125b687f5697802d8f121300395fe38ff5695ffd722839d504c56d4",
      ],
      noMatch: [
        "token: doo_v1_cf0ce6483daff0e0d5f43af05e5628ec7982091cd8d19e705ee639d2038b400",
        "token: doo_v1_A91325DFC77642F39EE681D3577305E05E3D6A9B09DEC28FBA221DC9042205D1",
      ],
    },
  },
  {
    id: 'digitalocean-refresh-token',
    description: "DigitalOcean OAuth refresh token (dor_v1_…)",
    severity: 'high',
    keywords: ["dor_v1_"],
    pattern: String.raw`\b(?<secret>dor_v1_[a-f0-9]{64})\b`,
    entropy: 3,
    remedy: "Revoke the OAuth authorization that issued the refresh token in the DigitalOcean control panel.",
    tags: ['cloud', 'digitalocean'],
    examples: {
      match: [
        "\"refresh_token\": \"dor_v1_26d0695102b60b217863bf4ae5478943116fd5b0243a051ce80aeb07b2dc7ba2\"",
      ],
      noMatch: [
        "\"refresh_token\": \"dor_v1_2af1a219727a832d98b0e62607637ec455219a65\"",
      ],
    },
  },
  {
    id: 'digitalocean-spaces-access-key',
    description: "DigitalOcean Spaces access key ID (DO00…)",
    severity: 'medium',
    keywords: ["do00"],
    pattern: String.raw`\b(?<secret>DO00[A-Z0-9]{16})\b`,
    entropy: 3,
    remedy: "Delete the Spaces key in the DigitalOcean control panel (API > Spaces Keys) and create a new one.",
    tags: ['cloud', 'digitalocean'],
    examples: {
      match: [
        "SPACES_ACCESS_KEY_ID=DO008C1IDX0KA8LNRLJ0",
      ],
      noMatch: [
        "SPACES_ACCESS_KEY_ID=DO008C1IDX0KA8LNRL",
        "SPACES_ACCESS_KEY_ID=do008c1idx0ka8lnrlj0",
      ],
    },
  },
  {
    id: 'linode-api-token',
    description: "Linode / Akamai Cloud personal access token next to a Linode keyword",
    severity: 'critical',
    keywords: ["linode"],
    pattern: String.raw`(?:linode[\w.-]{0,20}?(?:token|key|pat))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{64})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Revoke the token in Linode Cloud Manager (My Profile > API Tokens) and create a new scoped one.",
    tags: ['cloud', 'linode'],
    examples: {
      match: [
        "LINODE_TOKEN=a7aa435aed1f1eebf0102480de01b9953dfe5be2397d790fcb878e5896647e4e",
        "linode_api_token: \"e81cb5c8713c15423af6b44ffbe5cd2b316823f50255feaa56a62e2d2729332b\"",
      ],
      noMatch: [
        "LINODE_TOKEN=a7aa435aed1f1eebf0102480de01b9953dfe5be2397d790fcb878e589664",
        "LINODE_REGION=a7aa435aed1f1eebf0102480de01b9953dfe5be2397d790fcb878e5896647e4e",
      ],
    },
  },
  {
    id: 'hetzner-cloud-token',
    description: "Hetzner Cloud API token next to an hcloud keyword",
    severity: 'critical',
    keywords: ["hcloud", "hetzner"],
    pattern: String.raw`(?:(?:hcloud|hetzner)[\w.-]{0,20}?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{64})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 4,
    remedy: "Delete the API token in the Hetzner Cloud Console (Project > Security > API tokens) and create a new one.",
    tags: ['cloud', 'hetzner'],
    examples: {
      match: [
        "HCLOUD_TOKEN=e3k9YyINil5tD5L57Wt9zCjDTcr6LtksLx68BkAQ76mb0vguMJ3u9jxNHebIqBWI",
      ],
      noMatch: [
        "HCLOUD_TOKEN=e3k9YyINil5tD5L57Wt9zCjDTcr6LtksLx68BkAQ76mb0vguMJ",
        "HCLOUD_CONTEXT=e3k9YyINil5tD5L57Wt9zCjDTcr6LtksLx68BkAQ76mb0vguMJ3u9jxNHebIqBWI",
      ],
    },
  },
  {
    id: 'heroku-api-key',
    description: "Heroku platform API key (HRKU-AA…)",
    severity: 'critical',
    keywords: ["hrku-"],
    pattern: String.raw`\b(?<secret>HRKU-(?:AA[0-9A-Za-z_-]{58}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Regenerate the API key in Heroku Account settings (or revoke the authorization with heroku authorizations:revoke).",
    tags: ['cloud', 'heroku'],
    examples: {
      match: [
        "export HEROKU_API_KEY=HRKU-AAZdQOA1knxgowTupEqtXlmtGZf3xu0VVa_jMSJnaYnaBXs7iYJ_VmjsVXPF",
        "machine api.heroku.com password HRKU-AAZdQOA1knxgowTupEqtXlmtGZf3xu0VVa_jMSJnaYnaBXs7iYJ_VmjsVXPF",
        "HEROKU_API_KEY=HRKU-26964f0c-f806-4005-a467-4f3d109b775b",
      ],
      noMatch: [
        "export HEROKU_API_KEY=HRKU-AAZdQOA1knxgowTupEqtXlmtGZf3xu0VVa_jMSJnaYnaB",
        "export HEROKU_API_KEY=HRKU-ABZdQOA1knxgowTupEqtXlmtGZf3xu0VVa_jMSJnaYnaBXs7iYJ_VmjsVXPF",
      ],
    },
  },
  {
    id: 'heroku-api-key-legacy',
    description: "Heroku API key (UUID format) next to a Heroku keyword",
    severity: 'critical',
    keywords: ["heroku"],
    pattern: String.raw`(?:heroku[\w.-]{0,20}?(?:api[_.-]?key|token|auth|password|secret))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])`,
    flags: 'i',
    remedy: "Regenerate the API key in Heroku Account settings and update HEROKU_API_KEY wherever it is used.",
    tags: ['cloud', 'heroku'],
    examples: {
      match: [
        "HEROKU_API_KEY=26964f0c-f806-4005-a467-4f3d109b775b",
        "heroku_auth_token: \"96c0a0a9-a5aa-4541-aa22-8b93742a0c02\"",
      ],
      noMatch: [
        "HEROKU_APP_ID=26964f0c-f806-4005-a467-4f3d109b775b",
        "HEROKU_API_KEY=26964f0c-f806-4005-a467-4f3d10",
      ],
    },
  },
  {
    id: 'cloudflare-api-token',
    description: "Cloudflare API token next to a Cloudflare keyword",
    severity: 'high',
    keywords: ["cloudflare", "cf_", "cf-"],
    pattern: String.raw`(?:cloudflare[\w.-]{0,20}?token|(?<![A-Za-z0-9])cf[_-]api[_-]token|(?<![A-Za-z0-9])cf[_-]token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 4,
    allowlist: {
      secretPatterns: [String.raw`^[A-Za-z_.-]+$`],
    },
    remedy: "Roll or delete the token in the Cloudflare dashboard (My Profile > API Tokens).",
    tags: ['cloud', 'cloudflare'],
    examples: {
      match: [
        "CLOUDFLARE_API_TOKEN=5Y-ae_dp42xOFupYXrNaYa3CLxXmpMPiHTP2eqQi",
        "cf_api_token: \"uwfB0FALguOPo_b2DYBMe_faIMUO0ughke_LcaGI\"",
      ],
      noMatch: [
        "CLOUDFLARE_API_TOKEN=5Y-ae_dp42xOFupYXrNaYa3CLxXmpMPiHTP2",
        "CLOUDFLARE_ZONE_ID=5Y-ae_dp42xOFupYXrNaYa3CLxXmpMPiHTP2eqQi",
      ],
    },
  },
  {
    id: 'cloudflare-global-api-key',
    description: "Cloudflare Global API key (37 hex characters) next to a Cloudflare keyword",
    severity: 'critical',
    keywords: ["cloudflare", "cf_", "cf-", "x-auth-key"],
    pattern: String.raw`(?:cloudflare[\w.-]{0,20}?key|(?<![A-Za-z0-9])cf[_-]api[_-]key|x-auth-key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{37})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "View and change the Global API Key in the Cloudflare dashboard (My Profile > API Tokens > Global API Key) and move to scoped API tokens.",
    tags: ['cloud', 'cloudflare'],
    examples: {
      match: [
        "CLOUDFLARE_API_KEY=3e2ceb71e3117984078ab89c07016157660b9",
        "curl -H \"X-Auth-Key: 380a4a4272ad76c313cbe36d956e2458c62f6\" https://api.cloudflare.com/client/v4/zones",
      ],
      noMatch: [
        "CLOUDFLARE_API_KEY=3e2ceb71e3117984078ab89c07016157",
        "CLOUDFLARE_ACCOUNT_ID=3e2ceb71e3117984078ab89c07016157660b9",
      ],
    },
  },
  {
    id: 'cloudflare-origin-ca-key',
    description: "Cloudflare Origin CA key (v1.0-…)",
    severity: 'high',
    keywords: ["v1.0-"],
    pattern: String.raw`\b(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b`,
    remedy: "Revoke the Origin CA key in the Cloudflare dashboard (My Profile > API Tokens > Origin CA Key) and create a new one.",
    tags: ['cloud', 'cloudflare'],
    examples: {
      match: [
        "CF_ORIGIN_CA_KEY=v1.0-70ae4c46be0ae9f5e095a818-8311a42a25daec80dff7e91ffd820f9eabf8b60ff891d5ba701711e20d25175b92a53e58d5ac0f514f4cd4717c1d14e4356e210e4413473d78e6c86dd5b08195359874249f02966f0d",
      ],
      noMatch: [
        "CF_ORIGIN_CA_KEY=v1.0-70ae4c46be0ae9f5e095a818-8311a42a25daec80dff7e91ffd820f9eabf8b60ff891d5ba701711e20d25175b92a53e58d5ac0f514f4cd4717c",
        "version: v1.0-0b4b0fd33953e90162c269d8",
      ],
    },
  },
  {
    id: 'fastly-api-token',
    description: "Fastly API token next to a Fastly keyword",
    severity: 'high',
    keywords: ["fastly"],
    pattern: String.raw`(?:fastly[\w.-]{0,20}?(?:api[_.-]?)?(?:token|key))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.8,
    allowlist: {
      secretPatterns: [String.raw`^[A-Za-z_.-]+$`],
    },
    remedy: "Delete the API token in Fastly (Account > Personal API tokens) and create a new scoped one.",
    tags: ['cloud', 'cdn', 'fastly'],
    examples: {
      match: [
        "FASTLY_API_TOKEN=FR7mCu_jE7XTdUXNqCsgSHVtEMjwztVs",
        "fastly_key: 'CukgDjrz_EUPZSZJ17-8avbu1Kq73dLy'",
      ],
      noMatch: [
        "FASTLY_API_TOKEN=FR7mCu_jE7XTdUXNqCsgSHVtEMjw",
        "FASTLY_SERVICE_ID=FR7mCu_jE7XTdUXNqCsgSHVtEMjwztVs",
      ],
    },
  },
  {
    id: 'vercel-token',
    description: "Vercel access token (vcp_/vci_ prefixed format)",
    severity: 'high',
    keywords: ["vcp_", "vci_"],
    pattern: String.raw`\b(?<secret>vc[pi]_[A-Za-z0-9]{24,70})\b`,
    entropy: 3.8,
    remedy: "Delete the token in Vercel (Account Settings > Tokens) and create a new one scoped to the needed team.",
    tags: ['cloud', 'vercel'],
    examples: {
      match: [
        "VERCEL_TOKEN=vcp_rzTTffmD6fwNLfOZIKT7jJbwO4xplhxx52juCIP1hpCE1JHhKK9zN55U",
      ],
      noMatch: [
        "VERCEL_TOKEN=vcp_7CfzvAjDRNv8",
        "my_vcp_ZAFVkpipYxUTvGMW7URgOdILRLXk5Ky0ptuvxJ9N",
      ],
    },
  },
  {
    id: 'vercel-token-legacy',
    description: "Vercel access token (24 characters) next to a Vercel keyword",
    severity: 'high',
    keywords: ["vercel", "now_token", "now-token"],
    pattern: String.raw`(?:vercel[\w.-]{0,20}?token|(?<![A-Za-z0-9])now[_-]token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Delete the token in Vercel (Account Settings > Tokens) and create a new one.",
    tags: ['cloud', 'vercel'],
    examples: {
      match: [
        "VERCEL_TOKEN=0oYW2iy23XFwWXokZGglqQ9D",
        "vercel-token: 0NZvVJuKqrWR8zee0kzqXneA",
      ],
      noMatch: [
        "VERCEL_TOKEN=0oYW2iy23XFwWXokZGgl",
        "VERCEL_ORG_ID=0oYW2iy23XFwWXokZGglqQ9D",
      ],
    },
  },
  {
    id: 'netlify-pat',
    description: "Netlify personal access token (nfp_…)",
    severity: 'high',
    keywords: ["nfp_"],
    pattern: String.raw`\b(?<secret>nfp_[A-Za-z0-9]{36,44})\b`,
    entropy: 3.8,
    remedy: "Delete the token in Netlify (User settings > Applications > Personal access tokens).",
    tags: ['cloud', 'netlify'],
    examples: {
      match: [
        "NETLIFY_AUTH_TOKEN=nfp_2EccAfxEawZt69JZ718YqdLN98poxUJ7g3mJt38l",
      ],
      noMatch: [
        "NETLIFY_AUTH_TOKEN=nfp_vSODAGJILAGBl1Y5UuOM",
        "conf_nfp_Sly0WyLC0y042iKumrHPNNCM7Hg4WUSmhQNzRi1i",
      ],
    },
  },
  {
    id: 'netlify-token-legacy',
    description: "Netlify access token (43 characters) next to a Netlify keyword",
    severity: 'high',
    keywords: ["netlify"],
    pattern: String.raw`(?:netlify[\w.-]{0,20}?(?:token|key))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 4,
    remedy: "Delete the token in Netlify (User settings > Applications > Personal access tokens).",
    tags: ['cloud', 'netlify'],
    examples: {
      match: [
        "NETLIFY_AUTH_TOKEN=b_EcucVTjKK0_cBXF0L4XCdP2J7iqe1CZWB3x19a8DX",
      ],
      noMatch: [
        "NETLIFY_SITE_ID=b_EcucVTjKK0_cBXF0L4XCdP2J7iqe1CZWB3x19a8DX",
        "NETLIFY_AUTH_TOKEN=b_EcucVTjKK0_cBXF0L4XCdP2J7iqe1CZWB3x19a",
      ],
    },
  },
  {
    id: 'flyio-macaroon-token',
    description: "Fly.io macaroon access token (fm1a_/fm1r_/fm2_), possibly several joined by commas",
    severity: 'high',
    keywords: ["fm1a_", "fm1r_", "fm2_"],
    // The macaroon body is base64 in either alphabet: flyctl prints standard base64, other clients and
    // copies through URLs use base64url (`-`, `_`). A `FlyV1` header often carries several macaroons
    // joined by commas; the whole list is one credential.
    pattern: String.raw`(?<![A-Za-z0-9_])(?<secret>(?:fm1[ar]|fm2)_[A-Za-z0-9+/_-]{100,4000}={0,3}(?:,(?:fm1[ar]|fm2)_[A-Za-z0-9+/_-]{20,4000}={0,3}){0,8})(?![A-Za-z0-9+/=_-])`,
    entropy: 4,
    remedy: "Revoke the token with fly tokens revoke (or in the dashboard under Tokens) and issue a narrowly scoped deploy token.",
    tags: ['cloud', 'flyio'],
    examples: {
      match: [
        "FLY_API_TOKEN=\"FlyV1 fm2_9OJIdZ+fK6HcSZYzEiO6JYwtVg2FvRKpS+AGlyoj08tzy+y1Vbzl9wWQSi4ki8a8tNT/4S6beBiO4SIrwpG8HEqDRmZ24wREc9Wc8q877MQofLMI3fX04UNaelTA92elo1m6FIqTuQ6rU6SritS5ZJYS4kccL3Do23JUcJDrkczz1nxyayAt3/XTSk0jHCbdKZmS9bytwsKBf/+7yJrykPDZKSd54Wigszr6xvTON86N9Mr6lDkOfdR75ebYYTQc4s782gSiLt+sQBxeYf+3iTtmRsrMSqPVZLLlFeC1kAOXXYrREPBE1VLoD5+yYpBnGV01IVK2vvQFlCnWKYvWPoS2x2mrg2M24ZDD3jTAxAqoxgHkl3tbpKJ2aqXW53MPm+7otHEgSUB1oPPj==\"",
        "  FLY_API_TOKEN: \"FlyV1 fm2_KPT4OmL08UbWVaEtUeL_WihrN3jRu8buP-ZmLsSrv3RVyvAYIP-H-BFwCmG89GCa4J9GB8e02bccYbyVlvsmRjzyZQrOLJt5zdrlLQtYOLpWeaqHuiTLHOW5h0t_DPA8W45selFgSd88Vm88Z37Y1h5z51Dt_SDtbGtCTJQdAky7kILTbitWbE07SbaJzbWonvn1NN5_\"",
        "fly secrets set --stage FLY_API_TOKEN=\"FlyV1 fm2_T5wNqfkPKrYoRDhowrC0owk2gtzhNgQwFmFGZZUq8h1XKrG6isckFA+lixkLNDsoM6ru3S7qOUadlmv3K2S6zyEK8v0iOUScGzpm8dAsTmYPEo3FqrcQ2abqMXMG94xO5Q7dRGj1rtAzI+3SebpDhE7PUeWMCDpc,fm2_s4/OrHSgul5noXEW5SJHkj6QY/BVbGr155kRpQlAluQtp8DlFjtNzLJ5y1hbHerczzfTeEjryJeyVcNn\"",
      ],
      noMatch: [
        "FLY_API_TOKEN=\"FlyV1 fm2_xDIpoigLfgvkJaVLLCzeRw0mIhlRPsxSSa6dnNHs\"",
        "FLY_API_TOKEN=\"FlyV1 fm2_xDIp-oigLf_gvkJaVLLCzeRw0mI-hlRPsxSSa6dnNHs\"",
      ],
    },
  },
  {
    id: 'flyio-oauth-token',
    description: "Fly.io OAuth access token (fo1_…)",
    severity: 'high',
    keywords: ["fo1_"],
    pattern: String.raw`\b(?<secret>fo1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Log out the session (fly auth logout) or revoke it from the Fly.io dashboard, then log in again.",
    tags: ['cloud', 'flyio'],
    examples: {
      match: [
        "access_token: fo1_-hBxiIW2SJLIYS-_VgpHyvyVRpeNmwk-DUTNiYnOWEs",
      ],
      noMatch: [
        "access_token: fo1_-hBxiIW2SJLIYS-_VgpHyvyVRpeNmwk-DUTN",
        "access_token: fo1_-hBxiIW2SJLIYS-_VgpHyvyVRpeNmwk-DUTNiYnOWEsZq",
      ],
    },
  },
  {
    id: 'render-api-key',
    description: "Render API key (rnd_…)",
    severity: 'high',
    keywords: ["rnd_"],
    pattern: String.raw`\b(?<secret>rnd_[A-Za-z0-9]{30,40})\b`,
    entropy: 4,
    remedy: "Revoke the API key in the Render dashboard (Account Settings > API Keys).",
    tags: ['cloud', 'render'],
    examples: {
      match: [
        "RENDER_API_KEY=rnd_LM2E8iMUfKolamI9pOOGG25u4RJuZ5xH",
      ],
      noMatch: [
        "RENDER_API_KEY=rnd_2OpnGzRnlNLY",
        "self.rnd_state = 02906",
      ],
    },
  },
  {
    id: 'supabase-personal-access-token',
    description: "Supabase personal / management access token (sbp_…)",
    severity: 'critical',
    keywords: ["sbp_"],
    pattern: String.raw`\b(?<secret>sbp_(?:oauth_)?[a-f0-9]{40})\b`,
    entropy: 3,
    remedy: "Revoke the token in the Supabase dashboard (Account > Access Tokens).",
    tags: ['cloud', 'supabase'],
    examples: {
      match: [
        "SUPABASE_ACCESS_TOKEN=sbp_50b0dc23ceddc202a96e8c5ccd7ddde104c934dc",
      ],
      noMatch: [
        "SUPABASE_ACCESS_TOKEN=sbp_50b0dc23ceddc202a96e8c5ccd",
        "SUPABASE_ACCESS_TOKEN=sbp_50b0dc23ceddc202a96e8c5ccd7ddde104c934dcf",
      ],
    },
  },
  {
    id: 'supabase-secret-key',
    description: "Supabase secret API key (sb_secret_…), which bypasses row-level security",
    severity: 'critical',
    keywords: ["sb_secret_"],
    pattern: String.raw`\b(?<secret>sb_secret_[A-Za-z0-9_-]{28,64})(?![A-Za-z0-9_-])`,
    entropy: 3.8,
    remedy: "Delete the secret key in the Supabase dashboard (Project Settings > API Keys) and create a new one.",
    tags: ['cloud', 'supabase'],
    examples: {
      match: [
        "SUPABASE_SECRET_KEY=sb_secret_vy-psA-PYDenHd74DZzsx8nI7NyQqHe",
      ],
      noMatch: [
        "SUPABASE_SECRET_KEY=sb_secret_s7wAQvBI",
        "if (key.startsWith(\"sb_secret_\")) throw new Error(\"privileged\");",
      ],
    },
  },
  {
    id: 'supabase-publishable-key',
    description: "Supabase publishable API key (sb_publishable_…), meant for clients",
    severity: 'low',
    keywords: ["sb_publishable_"],
    pattern: String.raw`\b(?<secret>sb_publishable_[A-Za-z0-9_-]{28,64})(?![A-Za-z0-9_-])`,
    entropy: 3.8,
    remedy: "No rotation needed if row-level security is enforced; make sure it is, and that this is not a secret key.",
    tags: ['cloud', 'supabase'],
    examples: {
      match: [
        "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_cJsFZ0NwsskGfB119zIGgWkVWGb7jD0",
      ],
      noMatch: [
        "NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_VIjCI5lkfW",
      ],
    },
  },
  {
    id: 'scaleway-access-key',
    description: "Scaleway API access key ID (SCW…)",
    severity: 'medium',
    keywords: ["scw"],
    pattern: String.raw`\b(?<secret>SCW[A-Z0-9]{17})\b`,
    entropy: 3.2,
    remedy: "Delete the API key in the Scaleway console (IAM > API keys) and create a new one.",
    tags: ['cloud', 'scaleway'],
    examples: {
      match: [
        "SCW_ACCESS_KEY=SCWCQDMA35NSRFMFK370",
      ],
      noMatch: [
        "SCW_ACCESS_KEY=SCWCQDMA35NSRFM",
        "SCW_ACCESS_KEY=scwcqdma35nsrfmfk370",
      ],
    },
  },
  {
    id: 'scaleway-secret-key',
    description: "Scaleway API secret key next to a Scaleway keyword",
    severity: 'critical',
    keywords: ["scw", "scaleway"],
    pattern: String.raw`(?:(?:scw|scaleway)[\w.-]{0,20}?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])`,
    flags: 'i',
    remedy: "Delete the API key in the Scaleway console (IAM > API keys) and create a new one.",
    tags: ['cloud', 'scaleway'],
    examples: {
      match: [
        "SCW_SECRET_KEY=7adab6f2-3a05-4e81-a237-9a39fce1be5a",
        "scaleway_secret_key = \"c1beb87d-8d26-44e3-a4d1-8622245f32d1\"",
      ],
      noMatch: [
        "SCW_DEFAULT_PROJECT_ID=7adab6f2-3a05-4e81-a237-9a39fce1be5a",
        "SCW_SECRET_KEY=7adab6f2-3a05-4e81-a",
      ],
    },
  },
  {
    id: 'railway-api-token',
    description: "Railway API or project token (UUID) next to a Railway keyword",
    severity: 'high',
    keywords: ["railway"],
    pattern: String.raw`(?:railway[\w.-]{0,20}?(?:api[_.-]?)?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])`,
    flags: 'i',
    remedy: "Delete the token in Railway (Account settings > Tokens, or the project's Tokens tab).",
    tags: ['cloud', 'railway'],
    examples: {
      match: [
        "RAILWAY_TOKEN=775f7bed-eb6c-485e-ad27-1024e999840c",
        "RAILWAY_API_TOKEN=\"5d17d626-8ebc-4784-af26-40fc7afe6f83\"",
      ],
      noMatch: [
        "RAILWAY_PROJECT_ID=976e79b5-c552-4def-a83b-44a04917db13",
        "RAILWAY_TOKEN=71678bf0-d401-4cce",
      ],
    },
  },
  {
    id: 'azure-apim-subscription-key',
    description: "Azure API Management / Azure AI services subscription key sent as Ocp-Apim-Subscription-Key",
    severity: 'high',
    keywords: ["ocp-apim", "azure"],
    pattern: String.raw`(?:ocp-apim-subscription-key|azure[\w.-]{0,25}?subscription[_.-]?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{32}|[A-Za-z0-9]{84})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Regenerate the key (API Management > Subscriptions, or the AI resource > Keys and Endpoint) and move clients to Entra ID auth.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "curl -H \"Ocp-Apim-Subscription-Key: 90f34d50213737ec5c092dd2da20e384\" https://westeurope.api.cognitive.microsoft.com/",
        "AZURE_SPEECH_SUBSCRIPTION_KEY=c7fde045de85a3434da40dbe2aa8b61c",
      ],
      noMatch: [
        "AZURE_SPEECH_SUBSCRIPTION_KEY=d9de5d3515c865294a6f",
        "AZURE_SUBSCRIPTION_ID=46b88dacda86e96630795aff07a75068",
      ],
    },
  },
  {
    id: 'azure-function-key',
    description: "Azure Functions key in a function URL (…azurewebsites.net/api/…?code=…)",
    severity: 'high',
    keywords: ["azurewebsites.net"],
    pattern: String.raw`\.azurewebsites\.net/api/[A-Za-z0-9_/-]{1,100}\?(?:[A-Za-z0-9_.=-]{1,100}&){0,3}code=(?<secret>[A-Za-z0-9_/+-]{40,100}(?:%3D|=){0,2})`,
    entropy: 4,
    remedy: "Renew the function or host key (Function App > App keys / Function keys) and stop embedding it in URLs.",
    tags: ['cloud', 'azure'],
    examples: {
      match: [
        "WEBHOOK_URL=https://orders-fn.azurewebsites.net/api/HttpTrigger1?code=cAUcgfFq9BnBs4g45LBRp8pIjasYjSZs6zDuV-q1dH8QjBxzfllyaN==",
      ],
      noMatch: [
        "WEBHOOK_URL=https://orders-fn.azurewebsites.net/api/HttpTrigger1?code=sjwshczQdI7H",
        "https://orders-fn.azurewebsites.net/api/HttpTrigger1?name=world",
      ],
    },
  },
  {
    id: 'vultr-api-key',
    description: "Vultr API key (36 upper-case characters) next to a Vultr keyword",
    severity: 'critical',
    keywords: ["vultr"],
    pattern: String.raw`(?:vultr[\w.-]{0,20}?(?:api[_.-]?)?key)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Z0-9]{36})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Regenerate the API key in the Vultr customer portal (Account > API).",
    tags: ['cloud', 'vultr'],
    examples: {
      match: [
        "VULTR_API_KEY=GZ9IUP4EXVX20ITT071TNK55NAWO3JROTYGM",
      ],
      noMatch: [
        "VULTR_API_KEY=GA9ZZH6TYJROMTBTJBQ8WAY38VF843",
        "VULTR_REGION=W0035WGXV4AG04XIMKL49U27BWVPXKO1WVBB",
      ],
    },
  },
  {
    id: 'ovh-application-secret',
    description: "OVHcloud API application secret or consumer key next to an OVH keyword",
    severity: 'critical',
    keywords: ["ovh"],
    pattern: String.raw`(?:ovh[\w.-]{0,20}?(?:application[_.-]?secret|consumer[_.-]?key))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Revoke the application or consumer key in the OVHcloud API console and create new credentials.",
    tags: ['cloud', 'ovh'],
    examples: {
      match: [
        "OVH_APPLICATION_SECRET=XthxkGEFSLsPZ0wEPndILz8vxNEZloYF",
        "ovh_consumer_key: \"4P1xSJVujwiKgGI6wob0awtFFy7fItGq\"",
      ],
      noMatch: [
        "OVH_APPLICATION_KEY=Np0DV18EmaLOw2zt",
        "OVH_ENDPOINT=qQAX31wrVFE4SwNN8JT2DEaHo72spVpb",
      ],
    },
  },
  {
    id: 'deno-deploy-token',
    description: "Deno Deploy access token (ddp_…)",
    severity: 'high',
    keywords: ["ddp_"],
    pattern: String.raw`\b(?<secret>ddp_[A-Za-z0-9]{36})\b`,
    entropy: 4,
    remedy: "Delete the access token in the Deno Deploy dashboard (Account settings > Access tokens).",
    tags: ['cloud', 'deno'],
    examples: {
      match: [
        "DENO_DEPLOY_TOKEN=ddp_VJApiWB6bdrPNggczziHlsvkKMRMAzv9idYE",
      ],
      noMatch: [
        "DENO_DEPLOY_TOKEN=ddp_btaXiVbnprfLKlaw7dR4",
      ],
    },
  },
  {
    id: 'alibaba-access-key-secret-pair',
    description: "Alibaba Cloud AccessKey ID immediately followed by its secret (constructor arguments, id:secret pairs)",
    severity: 'critical',
    keywords: ["ltai"],
    pattern: String.raw`\bLTAI[A-Za-z0-9]{12,20}["']?[ \t]{0,2}[,:;|][ \t]{0,2}["']?(?<secret>[A-Za-z0-9]{30})(?![A-Za-z0-9])`,
    entropy: 3.8,
    remedy: "Disable and delete the AccessKey pair in the RAM console and create a new one.",
    tags: ['cloud', 'alibaba'],
    examples: {
      match: [
        "DefaultProfile.getProfile(\"cn-hangzhou\", \"LTAI5tXDrXJtTCzQhefNfgWw\", \"FYtkn91l1IqmAhTf3meyad76EvBJub\");",
      ],
      noMatch: [
        "DefaultProfile.getProfile(\"cn-hangzhou\", \"LTAI5tXDrXJtTCzQhefNfgWw\", \"FYtkn91l1IqmAhTf3mey\");",
      ],
    },
  },
  {
    id: 'tencent-cloud-secret-key',
    description: "Tencent Cloud API SecretKey next to a Tencent keyword or right after its SecretId",
    severity: 'critical',
    keywords: ["tencent", "akid"],
    pattern: String.raw`(?:tencent[\w.-]{0,20}?secret[_.-]?key[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?|\bAKID[A-Za-z0-9]{32}["']?[ \t]{0,2}[,:;|][ \t]{0,2}["']?)(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Disable and delete the API key in Tencent Cloud CAM (API Key Management) and create a new one.",
    tags: ['cloud', 'tencent'],
    examples: {
      match: [
        "TENCENTCLOUD_SECRET_KEY=wjBnHj6GCl3934hdpVCAlcDnubR5k8Xc",
        "cred = credential.Credential(\"AKIDZJ87ts7levbHF4QjUPGEWh8i1jBmGpc8\", \"Ukv8oX1wRuzQ1o1dNebp1JGCO2Qulj27\")",
      ],
      noMatch: [
        "TENCENTCLOUD_SECRET_KEY=fLdTocvSpInneoBbLc3Y",
        "TENCENTCLOUD_REGION=2vewDyRnb6t7eFijzVnXp9TtDHhzYcQx",
      ],
    },
  },
  {
    id: 'backblaze-application-key',
    description: "Backblaze B2 application key (K00…, 31 characters)",
    severity: 'critical',
    keywords: ["k00"],
    // `K` and a three-digit version, then 27 random characters: distinctive enough on its own, so it is
    // found in rclone.conf, restic/duplicity environments and SDK calls alike.
    pattern: String.raw`(?<![A-Za-z0-9+/_-])(?<secret>K00[0-9][A-Za-z0-9+/]{27})(?![A-Za-z0-9+/=_-])`,
    entropy: 3.8,
    validate: (key: string): boolean => /[0-9]/.test(key.slice(4)) && /[A-Za-z]/.test(key.slice(4)),
    remedy: "Delete the application key in the Backblaze console (App Keys) and create a new one limited to the buckets it needs.",
    tags: ['cloud', 'backblaze'],
    examples: {
      match: [
        "[b2]\ntype = b2\naccount = 0046ac14b833062c010dc5dd8\nkey = K004iW5yV8h0ckRlAh4Hr3ADIvW8JZH\nhard_delete = true",
        "export B2_APPLICATION_KEY=K001IbHHY8lIAJfRRvLEWiQLvg536HM",
      ],
      noMatch: [
        "export B2_APPLICATION_KEY=K004iW5yV8h0ckRlAh4Hr3ADIvW8JZ",
        "data = 'xK004iW5yV8h0ckRlAh4Hr3ADIvW8JZHq8'",
      ],
    },
  },
  {
    id: 'backblaze-application-key-configured',
    description: "Backblaze B2 application key (any generation, including legacy master keys) in an rclone b2 remote or under a B2 name",
    severity: 'critical',
    keywords: ["backblaze", "b2_", "b2.", "b2-", "type = b2", "type=b2"],
    // rclone writes `type` first in a remote's section, so `key =` follows `type = b2` within the section.
    pattern: String.raw`(?:type[ \t]*=[ \t]*b2[ \t]*\r?\n(?:[ \t]*[\w-]{1,40}[ \t]*=[^\n]{0,300}\n){0,12}?[ \t]*key[ \t]*=[ \t]*|(?:(?<![A-Za-z0-9])b2[_.-]|backblaze)[\w.-]{0,20}?(?:application|app|secret|account|master)[_.-]?key["'\x60]?[ \t]{0,4}(?:=|:=|:|=>)[ \t]{0,4}["'\x60]?)(?<secret>[A-Za-z0-9+/]{31,42})(?![A-Za-z0-9+/=_-])`,
    flags: 'i',
    entropy: 3.5,
    validate: (key: string): boolean => /[0-9]/.test(key) && /[A-Za-z]/.test(key),
    remedy: "Delete the application key in the Backblaze console (App Keys) and create a new one limited to the buckets it needs.",
    tags: ['cloud', 'backblaze'],
    examples: {
      match: [
        "[backup]\ntype = b2\naccount = 0046ac14b833062c010dc5dd8\nkey = 00fa6e81163fd633430b0dd45e0f38129029b99079",
        "B2_APPLICATION_KEY: \"00fa6e81163fd633430b0dd45e0f38129029b99079\"",
      ],
      noMatch: [
        "[backup]\ntype = s3\naccess_key_id = 0046ac14b833062c010dc5dd8\nkey = 00fa6e81163fd633430b0dd45e0f38129029b99079",
        "B2_APPLICATION_KEY_ID=0046ac14b833062c010dc5dd8a3e9f0c71",
      ],
    },
  },
  {
    id: 'azure-ai-services-key',
    description: "Azure AI services / Azure OpenAI key (84-character format with the JQQJ…ACOG signature)",
    severity: 'high',
    keywords: ["acog"],
    pattern: String.raw`(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{5,20}ACOG[A-Za-z0-9]{4})(?![A-Za-z0-9])`,
    entropy: 4,
    remedy: "Regenerate the key in the Azure portal (resource > Keys and Endpoint > Regenerate) and prefer Microsoft Entra ID authentication.",
    tags: ['cloud', 'azure', 'ai'],
    examples: {
      match: ["AZURE_OPENAI_API_KEY=Mw241MyPOryUcHE5CedaTunAuA7rjCj0zXBDyx2f4HWpig1PmH8iJQQJ99BLACFOXnvrQlrAAAAACOGxlWI"],
      noMatch: ["AZURE_OPENAI_API_KEY=Mw241MyPOryUcHE5CedaTunAuA7rjCj0zXBDyx2f4HWpig1PmH8iJQQJ99BLACFOXnvrQlrAAAAACOXxlWI"],
    },
  },
  {
    id: 'azure-ai-services-key-legacy',
    description: "Azure AI services / Azure OpenAI key (32 hex characters) under an Azure AI name",
    severity: 'high',
    keywords: ["azure_openai", "azure-openai", "azure.openai", "azureopenai", "cognitive", "azure_ai_", "azure_speech", "azure_translator", "ocp-apim-subscription-key"],
    // Older keys are bare hex, so the name carries the evidence: AZURE_OPENAI_KEY, AZURE_SPEECH_KEY,
    // COGNITIVE_SERVICES_KEY, or the Ocp-Apim-Subscription-Key header the REST APIs take.
    pattern: String.raw`(?:(?:azure[_.-]?(?:openai|ai[_.-]|speech|translator|cognitive)|cognitive[_.-]?services?)[\w.-]{0,20}?(?:key|secret)|ocp-apim-subscription-key)\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,)[ \t]{0,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{32})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3,
    remedy: "Regenerate the key in the Azure portal (resource > Keys and Endpoint > Regenerate) and prefer Microsoft Entra ID authentication.",
    tags: ['cloud', 'azure', 'ai'],
    examples: {
      match: ["AZURE_OPENAI_KEY=22cb81e71d3a8633e5eb5cbdd6c9ee60", "curl -H \"Ocp-Apim-Subscription-Key: 22cb81e71d3a8633e5eb5cbdd6c9ee60\" https://westeurope.api.cognitive.microsoft.com/"],
      noMatch: ["AZURE_OPENAI_DEPLOYMENT_ID=22cb81e71d3a8633e5eb5cbdd6c9ee60", "AZURE_OPENAI_KEY=22cb81e71d3a8633e5eb5cbdd6c9ee"],
    },
  },
];
