import type { RuleSpec } from '../types.js';
import { isValidBase62Crc32Token } from '../checksums.js';

/** Source hosts: GitHub, GitLab, Bitbucket / Atlassian, Gitea, Sourcegraph. */
// Every example secret below is a synthetic random value; checksum formats carry a valid checksum
// and their false examples include the same token with one character changed.
export const sourceHostRules: readonly RuleSpec[] = [
  {
    id: 'github-pat-classic',
    description: "GitHub personal access token (classic) (ghp_…), checksum-verified",
    severity: 'critical',
    keywords: ["ghp_"],
    pattern: String.raw`\b(?<secret>ghp_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Delete the token in GitHub (Settings > Developer settings > Personal access tokens) and create a fine-grained one with minimal scope.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "export GITHUB_TOKEN=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",
        "  token: \"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\"",
        "git remote add origin https://x-access-token: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@github.com/acme/api.git",
      ],
      noMatch: [
        "export GITHUB_TOKEN=ghp_w0lwMHPHInNwApLGhQdLeKsAG6ohMk39Dt9a",
        "export GITHUB_TOKEN=ghp_w0lwMHPHInNwApLGhQdLeKsAG6ohMk39Dt9",
        "export GITHUB_TOKEN=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Q",
        "const key = \"my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\";",
      ],
    },
  },
  {
    id: 'github-oauth-token',
    description: "GitHub OAuth access token (gho_…), checksum-verified",
    severity: 'high',
    keywords: ["gho_"],
    pattern: String.raw`\b(?<secret>gho_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Revoke the OAuth app authorization (Settings > Applications > Authorized OAuth Apps) or reset the app's tokens.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "export GITHUB_TOKEN=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",
        "  token: \"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\"",
        "git remote add origin https://x-access-token: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@github.com/acme/api.git",
      ],
      noMatch: [
        "export GITHUB_TOKEN=gho_27dXGOcrfoGDVzRbyRG0Bi7XBXChAa49BkFa",
        "export GITHUB_TOKEN=gho_27dXGOcrfoGDVzRbyRG0Bi7XBXChAa49BkF",
        "export GITHUB_TOKEN=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Q",
        "const key = \"my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\";",
      ],
    },
  },
  {
    id: 'github-user-to-server-token',
    description: "GitHub App user-to-server token (ghu_…), checksum-verified",
    severity: 'high',
    keywords: ["ghu_"],
    pattern: String.raw`\b(?<secret>ghu_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Revoke the GitHub App authorization for the user (Settings > Applications > Authorized GitHub Apps).",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "export GITHUB_TOKEN=ghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29Jcxq",
        "  token: \"ghu_i5UYzJmZclae3phEEi3ivtumpo1vGp3oC5cx\"",
        "git remote add origin https://x-access-token:ghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29Jcxq@github.com/acme/api.git",
      ],
      noMatch: [
        "export GITHUB_TOKEN=ghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29Jcxa",
        "export GITHUB_TOKEN=ghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29Jcx",
        "export GITHUB_TOKEN=ghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29JcxqQ",
        "const key = \"myghu_xRSSP0rukrfh4hRhWj9uyYvPOQA3GG29Jcxq\";",
      ],
    },
  },
  {
    id: 'github-server-to-server-token',
    description: "GitHub App installation / Actions token (ghs_…), checksum-verified",
    severity: 'high',
    keywords: ["ghs_"],
    pattern: String.raw`\b(?<secret>ghs_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Installation tokens expire within an hour; rotate the GitHub App private key if it was exposed and stop logging tokens.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "export GITHUB_TOKEN=ghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28V4",
        "  token: \"ghs_Zsnubd8HsV71Y4Jeqfu8jQ7JapBjAC3sMGtI\"",
        "git remote add origin https://x-access-token:ghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28V4@github.com/acme/api.git",
      ],
      noMatch: [
        "export GITHUB_TOKEN=ghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28Va",
        "export GITHUB_TOKEN=ghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28V",
        "export GITHUB_TOKEN=ghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28V4Q",
        "const key = \"myghs_hBZECtQkO0FWoiwY9Ky7baysNxfWIQ2Q28V4\";",
      ],
    },
  },
  {
    id: 'github-refresh-token',
    description: "GitHub App refresh token (ghr_…), checksum-verified",
    severity: 'high',
    keywords: ["ghr_"],
    pattern: String.raw`\b(?<secret>ghr_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Revoke the GitHub App authorization for the user so the refresh token stops working.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "export GITHUB_TOKEN=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",
        "  token: \"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\"",
        "git remote add origin https://x-access-token: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@github.com/acme/api.git",
      ],
      noMatch: [
        "export GITHUB_TOKEN=ghr_mJIhpEGnbO2vvILYSVfODH9GjKzxUe1sRVTa",
        "export GITHUB_TOKEN=ghr_mJIhpEGnbO2vvILYSVfODH9GjKzxUe1sRVT",
        "export GITHUB_TOKEN=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Q",
        "const key = \"my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\";",
      ],
    },
  },
  {
    id: 'github-pat-fine-grained',
    description: "GitHub fine-grained personal access token (github_pat_…)",
    severity: 'critical',
    keywords: ["github_pat_"],
    pattern: String.raw`\b(?<secret>github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})\b`,
    entropy: 4,
    remedy: "Delete the token in GitHub (Settings > Developer settings > Fine-grained tokens) and create a new one.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "GH_TOKEN=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",
        "password: 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",
      ],
      noMatch: [
        "GH_TOKEN=github_pat_1141C5ACSK7BRS6KHRXFFQ_5JPu9ptEgPJ8oIWTEdsObo9eOpj0mfjiReyRUywluwZXb7",
        "GH_TOKEN=github_pat-1141C5ACSK7BRS6KHRXFFQ_5JPu9ptEgPJ8oIWTEdsObo9eOpj0mfjiReyRUywluwZXb7S6bAI1IO0NfyA",
        "GH_TOKEN=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a",
      ],
    },
  },
  {
    id: 'github-oauth-client-secret',
    description: "GitHub OAuth App client secret (40 hex characters) next to a GitHub client-secret keyword",
    severity: 'high',
    keywords: ["github"],
    pattern: String.raw`(?:github[\w.-]{0,20}?client[_.-]?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Generate a new client secret for the OAuth App (Settings > Developer settings > OAuth Apps) and delete the old one.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "GITHUB_CLIENT_SECRET=d522107c73ddabb0bbe8f1e3a7594adde1a206bf",
        "github_client_secret: \"dea9af2ff9bb0e092f01b29afe3b7be39c97ebf3\"",
      ],
      noMatch: [
        "GITHUB_CLIENT_ID=a8648623b23ad656b7fb7e6a6d879efc3224b197",
        "GITHUB_CLIENT_SECRET=e77747d1ca59747b71d3c89e4b56938a",
      ],
    },
  },
  {
    id: 'gitlab-pat',
    description: "GitLab personal, project or group access token (glpat-…)",
    severity: 'critical',
    keywords: ["glpat-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glpat-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Revoke the token in GitLab (User settings > Access tokens, or the project/group Access tokens page) and create a new one.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "GITLAB_TOKEN=glpat-ApwpOOnTrzeAH7-9YLm6",
        "  token: 'glpat-2G8U2uuvjJ4OmjjifcqX'",
      ],
      noMatch: [
        "GITLAB_TOKEN=glpat-ApwpOOnTrzeAH7-9YL",
        "GITLAB_TOKEN=glpat-ApwpOOnTrzeAH7-9YLm6Zk",
        "xglpat-ApwpOOnTrzeAH7-9YLm6",
      ],
    },
  },
  {
    id: 'gitlab-pat-routable',
    description: "GitLab routable access token (glpat-….01.…)",
    severity: 'critical',
    keywords: ["glpat-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glpat-[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{7})(?![A-Za-z0-9_.-])`,
    entropy: 4,
    remedy: "Revoke the token in GitLab (User settings > Access tokens) and create a new one.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "GITLAB_TOKEN=glpat-W2zpM26PCQMiTQu7Q1crDYjlRRO.01.rsjy36z",
      ],
      noMatch: [
        "GITLAB_TOKEN=glpat-jPyJlt1Kji.01.jxmgpuq",
        "GITLAB_TOKEN=glpat-W2zpM26PCQMiTQu7Q1crDYjlRRO.01.rsjy3",
      ],
    },
  },
  {
    id: 'gitlab-deploy-token',
    description: "GitLab deploy token (gldt-…)",
    severity: 'high',
    keywords: ["gldt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>gldt-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Revoke the deploy token in the project or group (Settings > Repository > Deploy tokens).",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "CI_DEPLOY_PASSWORD=gldt-757JkmtA7SDKQdhwH1ho",
        "  token: 'gldt--VaLoc6okFTpPCVwbqKE'",
      ],
      noMatch: [
        "CI_DEPLOY_PASSWORD=gldt-757JkmtA7SDKQdhwH1",
        "CI_DEPLOY_PASSWORD=gldt-757JkmtA7SDKQdhwH1hoZk",
        "xgldt-757JkmtA7SDKQdhwH1ho",
      ],
    },
  },
  {
    id: 'gitlab-runner-token',
    description: "GitLab runner authentication token (glrt-…)",
    severity: 'high',
    keywords: ["glrt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glrt-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Reset the runner authentication token (CI/CD > Runners > runner > Reset token) and re-register the runner.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "RUNNER_TOKEN=glrt-NSzQ1lzlJ2XH_leCN3Ze",
        "  token: 'glrt-NR_Q58ShHEz-apl4lKhH'",
      ],
      noMatch: [
        "RUNNER_TOKEN=glrt-NSzQ1lzlJ2XH_leCN3",
        "RUNNER_TOKEN=glrt-NSzQ1lzlJ2XH_leCN3ZeZk",
        "xglrt-NSzQ1lzlJ2XH_leCN3Ze",
      ],
    },
  },
  {
    id: 'gitlab-runner-token-routable',
    description: "GitLab routable runner authentication token (glrt-t…_….01.…)",
    severity: 'high',
    keywords: ["glrt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glrt-t\d_[0-9A-Za-z_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{7})(?![A-Za-z0-9_.-])`,
    entropy: 4,
    remedy: "Reset the runner authentication token in GitLab (CI/CD > Runners) and re-register the runner.",
    tags: ['source-host', 'gitlab', 'ci'],
    examples: {
      match: [
        "  token = \"glrt-t1_6rdFRdnMvCecgrjxzxEQYUVO4N8.01.i9towjh\"",
      ],
      noMatch: [
        "  token = \"glrt-t1_d7XjHgKt5R.01.8ow2lih\"",
      ],
    },
  },
  {
    id: 'gitlab-runner-registration-token',
    description: "GitLab runner registration token (GR1348941…)",
    severity: 'high',
    keywords: ["gr1348941"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>GR1348941[0-9A-Za-z_-]{20})(?![A-Za-z0-9_-])`,
    entropy: 3,
    remedy: "Reset the registration token (CI/CD > Runners) and move to runner authentication tokens.",
    tags: ['source-host', 'gitlab', 'ci'],
    examples: {
      match: [
        "REGISTRATION_TOKEN=GR1348941Q44rjNydplVvGu3ggcPN",
      ],
      noMatch: [
        "REGISTRATION_TOKEN=GR1348941unNJrHkKrSv5",
        "REGISTRATION_TOKEN=GR1348942wwT1Pin23av48hZwgEfx",
      ],
    },
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    description: "GitLab pipeline trigger token (glptt-…)",
    severity: 'high',
    keywords: ["glptt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glptt-[0-9a-f]{40})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Revoke the trigger token (Settings > CI/CD > Pipeline trigger tokens) and create a new one.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "TRIGGER_TOKEN=glptt-6f3aa37de9893c24371feb30128c974391b01b72",
        "  token: 'glptt-a5811b9eb4dbf76a7ba5162633df8e7873ecfddf'",
      ],
      noMatch: [
        "TRIGGER_TOKEN=glptt-6f3aa37de9893c24371feb30128c974391b01b",
        "TRIGGER_TOKEN=glptt-6f3aa37de9893c24371feb30128c974391b01b72Zk",
        "xglptt-6f3aa37de9893c24371feb30128c974391b01b72",
      ],
    },
  },
  {
    id: 'gitlab-scim-token',
    description: "GitLab SCIM OAuth access token (glsoat-…)",
    severity: 'high',
    keywords: ["glsoat-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glsoat-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Reset the SCIM token in the group SAML SSO settings.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "GITLAB_TOKEN=glsoat-HIb4KSbKItctVvRmgBQl",
        "  token: 'glsoat-wUvoJpAl4-Qccua7zAzB'",
      ],
      noMatch: [
        "GITLAB_TOKEN=glsoat-HIb4KSbKItctVvRmgB",
        "GITLAB_TOKEN=glsoat-HIb4KSbKItctVvRmgBQlZk",
        "xglsoat-HIb4KSbKItctVvRmgBQl",
      ],
    },
  },
  {
    id: 'gitlab-oauth-app-secret',
    description: "GitLab OAuth application secret (gloas-…)",
    severity: 'high',
    keywords: ["gloas-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>gloas-[0-9A-Za-z_-]{64})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Renew the application secret (Applications > application > Renew secret).",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "GITLAB_APP_SECRET=gloas-g5B0eA-tvpsko_u0yS0Lg9gGvBQyomlxiC3iV_v-5Vigw6DDzDUEsPvHTW_-rdYV",
        "  token: 'gloas-5LnwFprntv4R75pIeu16ONzI23_YKwQb8CwrQlmlPoPBjgfCDxVZ9l2KLhTv_4nw'",
      ],
      noMatch: [
        "GITLAB_APP_SECRET=gloas-g5B0eA-tvpsko_u0yS0Lg9gGvBQyomlxiC3iV_v-5Vigw6DDzDUEsPvHTW_-rd",
        "GITLAB_APP_SECRET=gloas-g5B0eA-tvpsko_u0yS0Lg9gGvBQyomlxiC3iV_v-5Vigw6DDzDUEsPvHTW_-rdYVZk",
        "xgloas-g5B0eA-tvpsko_u0yS0Lg9gGvBQyomlxiC3iV_v-5Vigw6DDzDUEsPvHTW_-rdYV",
      ],
    },
  },
  {
    id: 'gitlab-feed-token',
    description: "GitLab feed token (glft-…)",
    severity: 'medium',
    keywords: ["glft-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glft-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Reset the feed token in User settings > Access tokens.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "FEED_TOKEN=glft-UTDKU_XySl6nzehUwPzi",
        "  token: 'glft-YbnvVjiRTzZXAYWZd5dv'",
      ],
      noMatch: [
        "FEED_TOKEN=glft-UTDKU_XySl6nzehUwP",
        "FEED_TOKEN=glft-UTDKU_XySl6nzehUwPziZk",
        "xglft-UTDKU_XySl6nzehUwPzi",
      ],
    },
  },
  {
    id: 'gitlab-incoming-mail-token',
    description: "GitLab incoming email token (glimt-…)",
    severity: 'medium',
    keywords: ["glimt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glimt-[0-9A-Za-z_-]{25})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Reset the incoming email token in User settings > Access tokens.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "INCOMING_MAIL_TOKEN=glimt-IviZqi5loZ8L0h384ugnk13Td",
        "  token: 'glimt-FuyUkZNRIZp5IwyMN7IdScVMu'",
      ],
      noMatch: [
        "INCOMING_MAIL_TOKEN=glimt-IviZqi5loZ8L0h384ugnk13",
        "INCOMING_MAIL_TOKEN=glimt-IviZqi5loZ8L0h384ugnk13TdZk",
        "xglimt-IviZqi5loZ8L0h384ugnk13Td",
      ],
    },
  },
  {
    id: 'gitlab-agent-token',
    description: "GitLab Kubernetes agent token (glagent-…)",
    severity: 'high',
    keywords: ["glagent-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glagent-[0-9A-Za-z_-]{50})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Revoke the agent token (Operate > Kubernetes clusters > agent > Access tokens) and create a new one.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "AGENT_TOKEN=glagent-aC9-65MY_7kw1GmjFRExn2Gx2AIGyPSfHD84zPfP8lHUQVCMlB",
        "  token: 'glagent-8vebsb6gRZD0iYqQ6H33XIjYhsDGcWbFArxtOoNmCsCOhalXJe'",
      ],
      noMatch: [
        "AGENT_TOKEN=glagent-aC9-65MY_7kw1GmjFRExn2Gx2AIGyPSfHD84zPfP8lHUQVCM",
        "AGENT_TOKEN=glagent-aC9-65MY_7kw1GmjFRExn2Gx2AIGyPSfHD84zPfP8lHUQVCMlBZk",
        "xglagent-aC9-65MY_7kw1GmjFRExn2Gx2AIGyPSfHD84zPfP8lHUQVCMlB",
      ],
    },
  },
  {
    id: 'gitlab-cicd-job-token',
    description: "GitLab CI/CD job token (glcbt-…)",
    severity: 'medium',
    keywords: ["glcbt-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glcbt-[0-9A-Za-z]{1,5}_[0-9A-Za-z_-]{20})(?![A-Za-z0-9_-])`,
    entropy: 3,
    remedy: "Job tokens expire with the job; stop printing CI_JOB_TOKEN and cancel the job if it is still running.",
    tags: ['source-host', 'gitlab', 'ci'],
    examples: {
      match: [
        "CI_JOB_TOKEN=glcbt-64_-uF17MzmNbF0JmTIOq-E",
      ],
      noMatch: [
        "CI_JOB_TOKEN=glcbt-64_YqwfLpQTku4j",
      ],
    },
  },
  {
    id: 'gitlab-feature-flag-client-token',
    description: "GitLab feature flag client token (glffct-…)",
    severity: 'medium',
    keywords: ["glffct-"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>glffct-[0-9A-Za-z_-]{20})(?![A-Za-z0-9_.-])`,
    entropy: 3,
    remedy: "Reset the feature flags instance ID / token (Deploy > Feature flags > Configure).",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "UNLEASH_INSTANCE_ID=glffct-wa9ZkNfa_vqHJ1WK7cVR",
        "  token: 'glffct-cTaibieOuqktaeAw0QrR'",
      ],
      noMatch: [
        "UNLEASH_INSTANCE_ID=glffct-wa9ZkNfa_vqHJ1WK7c",
        "UNLEASH_INSTANCE_ID=glffct-wa9ZkNfa_vqHJ1WK7cVRZk",
        "xglffct-wa9ZkNfa_vqHJ1WK7cVR",
      ],
    },
  },
  {
    id: 'atlassian-api-token',
    description: "Atlassian API token for Jira / Confluence / Bitbucket (ATATT3…)",
    severity: 'high',
    keywords: ["atatt3"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>ATATT3[A-Za-z0-9_=-]{180,200})(?![A-Za-z0-9_=-])`,
    entropy: 4,
    remedy: "Revoke the token at id.atlassian.com (Security > API tokens) and create a new one.",
    tags: ['source-host', 'atlassian'],
    examples: {
      match: [
        "JIRA_API_TOKEN=ATATT3xFfGF0YQjuYLmADOLTKEJPvxj-YZ8PvEsWxDHl9nYEM4G15M93hBcvwMKgt5Mr-6sot73269hc2o1jAfVC7ExcLPgVyx-dB6Z_ai2RjeTBmNtBav3Wt5e3Ac6boRREszX7JK4tvpVdQBRxZj1WoFoXpy5aZGbM3CPa6fyc4v5K8IqLuB=2840E3BA",
      ],
      noMatch: [
        "JIRA_API_TOKEN=ATATT3xFfGF0Pb7h-n3vzR2BEySKEKRoQqIOanzayNBh59nDKU7JM0rhchrkRtajjy6KJeDS",
      ],
    },
  },
  {
    id: 'bitbucket-access-token',
    description: "Bitbucket repository / project / workspace access token (ATCTT3…)",
    severity: 'high',
    keywords: ["atctt3"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>ATCTT3[A-Za-z0-9_=-]{180,200})(?![A-Za-z0-9_=-])`,
    entropy: 4,
    remedy: "Revoke the access token in the Bitbucket repository, project or workspace settings (Access tokens).",
    tags: ['source-host', 'bitbucket'],
    examples: {
      match: [
        "BITBUCKET_TOKEN=ATCTT3xFfGN0TJoyjfqQYygNR5CkGX8vkqaVp6OBNgS0rnA_0OqIDvLGr1TmuotmtvLCjB-WR6Nw8SNxQmvxVpXGL7dueHfWqYHxBxG3tyDFl2Z5XaKqI7vGGeRd-8poRmDyQ_C235JaVrmVNxUTtknEEKqlcyxkjnYn1R7wOJzPq46qcL-u4K=C48FFC9A",
      ],
      noMatch: [
        "BITBUCKET_TOKEN=ATCTT3xFfGN0IIttb6BeZ9fl83_Vy75PEXzjUKM50BSyEmfm9hKgiynLpKCWFM",
      ],
    },
  },
  {
    id: 'bitbucket-app-password',
    description: "Bitbucket app password (ATBB…)",
    severity: 'high',
    keywords: ["atbb"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>ATBB[A-Za-z0-9_=.-]{28,40})(?![A-Za-z0-9_=.-])`,
    entropy: 4,
    remedy: "Revoke the app password in Bitbucket (Personal settings > App passwords) and move to API tokens.",
    tags: ['source-host', 'bitbucket'],
    examples: {
      match: [
        "BITBUCKET_APP_PASSWORD=ATBBiM5VBCHlZsMEaZo5EGlhhjYnA0786B64",
      ],
      noMatch: [
        "BITBUCKET_APP_PASSWORD=ATBBoQ7z3O0cywgT",
        "ATBBREVIATION_TABLE_SIZE=4",
      ],
    },
  },
  {
    id: 'bitbucket-client-secret',
    description: "Bitbucket OAuth consumer secret next to a Bitbucket keyword",
    severity: 'high',
    keywords: ["bitbucket"],
    pattern: String.raw`(?:bitbucket[\w.-]{0,20}?(?:client|consumer|oauth)[_.-]?secret)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Delete the OAuth consumer in Bitbucket workspace settings and create a new one.",
    tags: ['source-host', 'bitbucket'],
    examples: {
      match: [
        "BITBUCKET_CLIENT_SECRET=7mEZrtlCgmxxF0wZ8tVBpI7gP9YDceJD",
      ],
      noMatch: [
        "BITBUCKET_CLIENT_ID=zwRz6SRQ4DyEU8t4DDdWI2STYf9RttKC",
        "BITBUCKET_CLIENT_SECRET=6zBISFh4Ve38DtQn1PXL",
      ],
    },
  },
  {
    id: 'gitea-access-token',
    description: "Gitea / Forgejo access token next to a Gitea keyword",
    severity: 'high',
    keywords: ["gitea", "forgejo"],
    pattern: String.raw`(?:(?:gitea|forgejo)[\w.-]{0,20}?(?:token|password|secret))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Delete the token in Gitea / Forgejo (Settings > Applications > Manage access tokens).",
    tags: ['source-host', 'gitea'],
    examples: {
      match: [
        "GITEA_TOKEN=c4cc649c69589946c16ab31c67453648240b9175",
        "forgejo_token: \"50d3b2a6cb4826f2179d692a88ce3a17e78ca146\"",
      ],
      noMatch: [
        "GITEA_TOKEN=e55f569541b4a1e506d89a5b906ebe91e223",
        "GITEA_COMMIT=f4941f24d673f0c639249ed6ca4be231a4531bff",
      ],
    },
  },
  {
    id: 'sourcegraph-access-token',
    description: "Sourcegraph access token (sgp_…)",
    severity: 'high',
    keywords: ["sgp_"],
    pattern: String.raw`\b(?<secret>sgp_(?:(?:[a-f0-9]{16}|local)_)?[a-f0-9]{40})\b`,
    entropy: 3,
    remedy: "Delete the token in Sourcegraph (User settings > Access tokens).",
    tags: ['source-host', 'sourcegraph'],
    examples: {
      match: [
        "SRC_ACCESS_TOKEN=sgp_3d374c098eb164a2_76480c48903242f95a62430e6d6685c04387dce7",
        "SRC_ACCESS_TOKEN=sgp_local_394660ba1c7dbc38e9779143571841c8bf4bbfa1",
      ],
      noMatch: [
        "SRC_ACCESS_TOKEN=sgp_762d454af4f91657b675656dd1b277",
      ],
    },
  },
  {
    id: 'github-token-legacy',
    description: "GitHub token in the pre-2021 format (40 hex characters) next to a GitHub token keyword",
    severity: 'high',
    keywords: ["github", "gh_", "gh-", "gh."],
    pattern: String.raw`(?:github[\w.-]{0,20}?(?:token|pat|password)|(?<![A-Za-z0-9])gh[_.-](?:token|pat))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Delete the token in GitHub (Settings > Developer settings > Personal access tokens) and create a fine-grained one.",
    tags: ['source-host', 'github'],
    examples: {
      match: [
        "GITHUB_TOKEN=79da53b3428ef174a44cf9fc28e4a077b037f084",
        "github_access_token: \"77d9aeef3f4f33173049fa51c97d8d57f6ee1cf0\"",
      ],
      noMatch: [
        "GITHUB_SHA=80c46d40613d564867a8eaa3ff1e9dd35d2d2722",
        "GITHUB_TOKEN=817080e5995e1fe8b9740081af63555c",
        "github_token_sha: fbaba5ff6fa2af6286003b2e2ab744dc1ff210a40",
      ],
    },
  },
  {
    id: 'gitlab-token-legacy',
    description: "GitLab access token in the pre-prefix format (20 characters) next to a GitLab token keyword",
    severity: 'high',
    keywords: ["gitlab", "gl_", "gl-", "gl."],
    pattern: String.raw`(?:gitlab[\w.-]{0,20}?(?:token|pat)|(?<![A-Za-z0-9])gl[_.-](?:token|pat))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.7,
    allowlist: {
      secretPatterns: [String.raw`^[A-Za-z_-]+$`, String.raw`^gl[a-z]{1,6}-`],
    },
    remedy: "Revoke the token in GitLab (User settings > Access tokens) and create a new one.",
    tags: ['source-host', 'gitlab'],
    examples: {
      match: [
        "GITLAB_TOKEN=UNQbBUFrjAsFKgBYf65y",
        "gitlab_private_token: 'GOpIIZbikwCmQQ86JeDU'",
      ],
      noMatch: [
        "GITLAB_TOKEN=YLH9HosFIQsB",
        "GITLAB_PROJECT=8PSzjFEPgzY07li0b0U5",
        "GITLAB_TOKEN_SCOPE=read_api_and_write",
      ],
    },
  },
];
