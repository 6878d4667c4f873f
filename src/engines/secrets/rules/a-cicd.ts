import type { RuleSpec } from '../types.js';
import { isValidBase62Crc32Token } from '../checksums.js';

/** CI/CD, infrastructure tooling and package registries. */
// Every example secret below is a synthetic random value; checksum formats carry a valid checksum
// and their false examples include the same token with one character changed.
export const ciAndRegistryRules: readonly RuleSpec[] = [
  {
    id: 'circleci-token',
    description: "CircleCI personal or project API token (CCIPAT_/CCIPRJ_)",
    severity: 'high',
    keywords: ["ccipat_", "cciprj_"],
    pattern: String.raw`\b(?<secret>CCIP(?:AT|RJ)_[A-Za-z0-9]{20,24}_[a-f0-9]{40})\b`,
    entropy: 3.5,
    remedy: "Delete the token in CircleCI (User settings > Personal API Tokens, or Project settings > API Permissions).",
    tags: ['ci', 'circleci'],
    examples: {
      match: [
        "CIRCLECI_TOKEN=CCIPAT_cyLI6rq7pIOmU3xAXekBbm_f83560e6ebd0072592c079c4d0a8fbf09f024be0",
        "circle-token: CCIPRJ_qdxPZ6pm0t1oUZxacAsrSZ_854ed3e7fa8befc9fb6917c86ba4e5e55bde5331",
      ],
      noMatch: [
        "CIRCLECI_TOKEN=CCIPAT_Oqk7sLf1VNmuyqe1MOusoK_6cb432f9a23b16c7632b1f884d83a1",
        "CIRCLECI_TOKEN=CCIPAT_uZ8myewWSkzE8kBcGfelk3",
      ],
    },
  },
  {
    id: 'circleci-token-legacy',
    description: "CircleCI API token (40 hex characters) next to a CircleCI keyword",
    severity: 'high',
    keywords: ["circle"],
    pattern: String.raw`(?:circle(?:ci)?[\w.-]{0,20}?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Delete the token in CircleCI (User settings > Personal API Tokens).",
    tags: ['ci', 'circleci'],
    examples: {
      match: [
        "CIRCLE_TOKEN=351cd1f19af9403fbfca8094435094130b75be67",
        "circleci_api_token: \"81f91c8f68548d2d50cf9e7c4c6ee7e7fae3ca66\"",
      ],
      noMatch: [
        "CIRCLE_SHA1=5d92baf6799cd1441c71f9fd66cf56d70c440530",
        "CIRCLE_TOKEN=cc6b7f29ed6d1e666ad12c7190c3998d",
      ],
    },
  },
  {
    id: 'travis-ci-token',
    description: "Travis CI API token next to a Travis keyword",
    severity: 'high',
    keywords: ["travis"],
    pattern: String.raw`(?:travis[\w.-]{0,20}?(?:api[_.-]?)?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Regenerate the API token in Travis CI (Settings > API authentication).",
    tags: ['ci', 'travis'],
    examples: {
      match: [
        "TRAVIS_API_TOKEN=NAzRqBvVFmGaRMNs2okYii",
      ],
      noMatch: [
        "TRAVIS_API_TOKEN=jRcZOQCXfv20L0Iy",
        "TRAVIS_BUILD_ID=TGVVxskE3krHN8fEh8NKW5",
      ],
    },
  },
  {
    id: 'buildkite-api-token',
    description: "Buildkite user API access token (bkua_…)",
    severity: 'high',
    keywords: ["bkua_"],
    pattern: String.raw`\b(?<secret>bkua_[a-f0-9]{40})\b`,
    entropy: 3,
    remedy: "Revoke the token in Buildkite (Personal Settings > API Access Tokens).",
    tags: ['ci', 'buildkite'],
    examples: {
      match: [
        "BUILDKITE_API_TOKEN=bkua_418d4329c9ad5fe5203de7258d6dac9c9589ce2c",
      ],
      noMatch: [
        "BUILDKITE_API_TOKEN=bkua_fe96114b723e8617b482",
        "BUILDKITE_API_TOKEN=bkua_54f1da1f949c949447536a1a8355f4ac87f38be40",
      ],
    },
  },
  {
    id: 'buildkite-agent-token',
    description: "Buildkite agent registration token next to a Buildkite keyword",
    severity: 'high',
    keywords: ["buildkite"],
    pattern: String.raw`(?:buildkite[\w.-]{0,20}?(?:agent[_.-]?)?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-z0-9]{40,50})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    allowlist: {
      secretPatterns: [String.raw`^bkua_`],
    },
    remedy: "Revoke the agent token in Buildkite (Agents > Reveal Agent Token / Agent tokens) and roll it on every agent.",
    tags: ['ci', 'buildkite'],
    examples: {
      match: [
        "BUILDKITE_AGENT_TOKEN=qcal73fymm16y0bl5i45zka4iljl0mr282whautkb4r7rmc207",
      ],
      noMatch: [
        "BUILDKITE_AGENT_NAME=08j50rventufi2nyi7vawqig39of4zp65t073t6296nhxtwlwk",
        "BUILDKITE_AGENT_TOKEN=4bpxurlvpor804how6b5",
      ],
    },
  },
  {
    id: 'drone-ci-token',
    description: "Drone CI access token next to a Drone keyword",
    severity: 'high',
    keywords: ["drone"],
    pattern: String.raw`(?:drone[\w.-]{0,20}?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.8,
    remedy: "Rotate the token in the Drone UI (User settings) and restart agents that use it.",
    tags: ['ci', 'drone'],
    examples: {
      match: [
        "DRONE_TOKEN=UVzROIsIEfErmX0ZLBxgWjgKKNo9zBge",
      ],
      noMatch: [
        "DRONE_SERVER=Tlzlzp73ZZKVgjFeObYz2XeYm0AOSx1G",
        "DRONE_TOKEN=QQGEzGzbolxykCOKXgmxmPar",
      ],
    },
  },
  {
    id: 'jenkins-api-token',
    description: "Jenkins API token (11 + 32 hex characters) next to a Jenkins keyword",
    severity: 'high',
    keywords: ["jenkins"],
    pattern: String.raw`(?:jenkins[\w.-]{0,20}?(?:api[_.-]?)?(?:token|password|pass))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>11[a-f0-9]{32})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3,
    remedy: "Revoke the API token in Jenkins (User > Security > API Token) and create a new one.",
    tags: ['ci', 'jenkins'],
    examples: {
      match: [
        "JENKINS_API_TOKEN=118604dc3cebfcc1a28c41b7be42a760b8",
        "jenkins_password: \"11e9b003b8c8bd13cc0f7a1ac2e96f9271\"",
      ],
      noMatch: [
        "JENKINS_API_TOKEN=12d85261f6c51da0b8811c55065b5dac76",
        "JENKINS_API_TOKEN=1111cecdfa68eb7386940a",
      ],
    },
  },
  {
    id: 'terraform-cloud-token',
    description: "HCP Terraform / Terraform Enterprise API token (….atlasv1.…)",
    severity: 'critical',
    keywords: ["atlasv1"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])`,
    entropy: 4,
    remedy: "Revoke the token in HCP Terraform (User settings > Tokens, or Organization / Team API tokens).",
    tags: ['ci', 'hashicorp'],
    examples: {
      match: [
        "credentials \"app.terraform.io\" { token = \"JC14FFzVjAYLiU.atlasv1.O-W8_M9SCZ4x6Jfp69DscWjPyvOzkVYOUidEeyufbx9VCn3qStCtTWJZpY7cv6MtrKU\" }",
        "TF_TOKEN_app_terraform_io=R0yBpYE6ojToup.atlasv1.TVv_nV4Bt0RucsktFdZcpZnH9yZlxC5lRmGT0mp31afpx6MbVenAJBfTlpzMusyDZlT",
      ],
      noMatch: [
        "token = \"CjZYCdS8ECZ4CV.atlasv1.mZTJ-H3U4cZGT4jT_0R75Aw3pNoPi1\"",
        "token = \"dX8NGzEhUtEFPF.atlasv2.qRuO1edCTXYj4oZDM00TVjmBS6q1TKmShN0tWuHS1EY8tqca7XqaYzYqJcNyuncy44x\"",
      ],
    },
  },
  {
    id: 'pulumi-access-token',
    description: "Pulumi access token (pul-…)",
    severity: 'high',
    keywords: ["pul-"],
    pattern: String.raw`\b(?<secret>pul-[a-f0-9]{40})\b`,
    entropy: 3,
    remedy: "Delete the token in Pulumi Cloud (Settings > Access Tokens).",
    tags: ['ci', 'pulumi'],
    examples: {
      match: [
        "PULUMI_ACCESS_TOKEN=pul-dbb6c4e32b09598d59a07631e6d99b9ab865a9f2",
      ],
      noMatch: [
        "PULUMI_ACCESS_TOKEN=pul-448fa4881c390a37e67e2bcfd4e622f2fc0cdf",
        "PULUMI_ACCESS_TOKEN=apul-ed41976dd96174fae3115b50a858d334593a420f",
      ],
    },
  },
  {
    id: 'doppler-token',
    description: "Doppler personal, CLI, service account, SCIM or audit token (dp.pt./dp.ct./dp.sa./…)",
    severity: 'high',
    keywords: ["dp.pt.", "dp.ct.", "dp.sa.", "dp.scim.", "dp.audit."],
    pattern: String.raw`\b(?<secret>dp\.(?:pt|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44})\b`,
    entropy: 3.8,
    remedy: "Revoke the token in the Doppler dashboard (Tokens / Service accounts) and issue a new one.",
    tags: ['ci', 'secrets-manager', 'doppler'],
    examples: {
      match: [
        "DOPPLER_TOKEN=dp.pt.4z6cTaNFIsofqoH6wkDHpZqDrRSk0UI6r3jba614Yo1",
        "doppler configure set token dp.ct.EsFlRlRkAcHe7TaGU8qiriAAj69P3MrRcS0GIZv3JGO",
      ],
      noMatch: [
        "DOPPLER_TOKEN=dp.pt.xeIiqkJjDa7oWuzaX8He",
        "DOPPLER_TOKEN=dp.xx.lPRJawKclGoX3BLJzMZbiLgMWONMoVe9rEy98gdbx3G",
      ],
    },
  },
  {
    id: 'doppler-service-token',
    description: "Doppler service token (dp.st.…)",
    severity: 'high',
    keywords: ["dp.st."],
    pattern: String.raw`\b(?<secret>dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b`,
    entropy: 3.8,
    remedy: "Revoke the service token in the Doppler config (Access > Service Tokens).",
    tags: ['ci', 'secrets-manager', 'doppler'],
    examples: {
      match: [
        "DOPPLER_TOKEN=dp.st.prd.e3evRzYYaK2RCKa5umJkrR8okUZHBMPtjlAXY2YsptW",
        "DOPPLER_TOKEN=\"dp.st.DN3P742rzI8im8fuA5cYKViAbHHzn9V7YMkX81SIW2x\"",
      ],
      noMatch: [
        "DOPPLER_TOKEN=dp.st.prd.SPP002sCh9",
      ],
    },
  },
  {
    id: 'vault-service-token',
    description: "HashiCorp Vault service or recovery token (hvs./hvr.…)",
    severity: 'critical',
    keywords: ["hvs.", "hvr."],
    pattern: String.raw`\b(?<secret>hv[sr]\.(?:[A-Za-z0-9_-]{90,120}|[A-Za-z0-9]{24}))(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Revoke the token with vault token revoke (or its accessor) and check the audit log for its use.",
    tags: ['ci', 'secrets-manager', 'vault'],
    examples: {
      match: [
        "export VAULT_TOKEN=hvs.92JdtToMboEnfEBvX_jwxx4AQLJeqP87htQtWoN3oPvK43pRk7GuRMK3wY_GAcsbM8U9a8j7m9-raxToe9jCuYfBTRuq",
        "Root Token: hvs.pAQkrA3gf2BWzaEy04cLVPcn",
      ],
      noMatch: [
        "export VAULT_TOKEN=hvs.C6zhvmhInGqbI93j",
        "export VAULT_TOKEN=hvs.92JdtToMboEnfEBvX_jwxx4AQLJeqP87htQtWoN3oPvK43pRk7GuRMK3wY_GAcsbM8U9a8j7m9-r",
      ],
    },
  },
  {
    id: 'vault-batch-token',
    description: "HashiCorp Vault batch token (hvb.…)",
    severity: 'high',
    keywords: ["hvb."],
    pattern: String.raw`\b(?<secret>hvb\.[A-Za-z0-9_-]{138,300})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Batch tokens cannot be revoked individually: revoke the parent token or rotate the auth method role, and shorten batch TTLs.",
    tags: ['ci', 'secrets-manager', 'vault'],
    examples: {
      match: [
        "VAULT_TOKEN=hvb.vc2B2CpHbrW_i6QAYO3wxJlsVcI8WyNlxn9RhatYieSp8PqAn8h3lwr_HOUIwkd1vFoG3LtEmVnBGTWtNeHWrOtdCkiyHVNUnkA5hlQKaw-zR04vktUMZy-hl3pNP-8LNzKKqOgnIc9IFhdM4YoscY",
      ],
      noMatch: [
        "VAULT_TOKEN=hvb.tC8JGvvrgjforOBFF9IjssZQoubK0xCWckDHHyv_IeURxbXxyE7ST565N2GV",
      ],
    },
  },
  {
    id: 'vault-token-legacy',
    description: "HashiCorp Vault token in the legacy s.… format next to a Vault keyword",
    severity: 'high',
    keywords: ["vault"],
    pattern: String.raw`(?:vault[\w.-]{0,20}?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])`,
    flags: 'i',
    entropy: 3.5,
    remedy: "Revoke the token with vault token revoke and check the audit log for its use.",
    tags: ['ci', 'secrets-manager', 'vault'],
    examples: {
      match: [
        "VAULT_TOKEN=s.objmF6ze8IeIYwBiHUbwWSRx",
      ],
      noMatch: [
        "VAULT_TOKEN=s.bpkJ3PkeqEHY",
        "VAULT_ADDR=s.fYLIUGynb3KQ3n1qndF9IgC9",
      ],
    },
  },
  {
    id: 'codecov-upload-token',
    description: "Codecov upload token (UUID) next to a Codecov keyword",
    severity: 'medium',
    keywords: ["codecov"],
    pattern: String.raw`(?:codecov[\w.-]{0,20}?token)[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9_-])`,
    flags: 'i',
    remedy: "Regenerate the upload token in Codecov (Repository > Configuration > General).",
    tags: ['ci', 'codecov'],
    examples: {
      match: [
        "CODECOV_TOKEN=1e456bc8-eb54-4271-aeda-a80fda0ec8f1",
        "  codecov_token: \"8e5b3523-f602-4504-ab36-81d551b05ac7\"",
      ],
      noMatch: [
        "CODECOV_TOKEN=2e4720cf-86bc-4e8b-a",
        "CODECOV_SLUG=44a47da7-dac9-40b0-aac4-2d1535ada6b7",
      ],
    },
  },
  {
    id: 'sonarqube-token',
    description: "SonarQube / SonarCloud user, project or global analysis token (squ_/sqp_/sqa_)",
    severity: 'high',
    keywords: ["squ_", "sqp_", "sqa_"],
    pattern: String.raw`\b(?<secret>sq[upa]_[a-f0-9]{40})\b`,
    entropy: 3,
    remedy: "Revoke the token in SonarQube / SonarCloud (My Account > Security) and create a new one.",
    tags: ['ci', 'sonar'],
    examples: {
      match: [
        "SONAR_TOKEN=squ_732a4efbd6bbce46608cff547687765153ba44a0",
        "sonar.token=sqp_10af9bbd2bda26e0240c5cb72c2e72e1f8a870f5",
      ],
      noMatch: [
        "SONAR_TOKEN=squ_9a281deac6e6d16e72ca57f5674b7d",
        "SONAR_TOKEN=sqx_f4c25ca3024810f42e7f635796155f2355a0c27a",
      ],
    },
  },
  {
    id: 'sonarqube-token-legacy',
    description: "SonarQube / SonarCloud token (40 hex characters) next to a Sonar keyword",
    severity: 'high',
    keywords: ["sonar"],
    pattern: String.raw`(?:sonar[\w.-]{0,10}?(?:login|token))[\w.-]{0,25}?\\?["']?\]?(?:[ \t]{0,3}(?:=|:=|:|=>|,|>)[ \t]{0,3}|[ \t]{1,3})(?:\\?["'\x60])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9_-])`,
    flags: 'i',
    entropy: 3.2,
    remedy: "Revoke the token in SonarQube / SonarCloud (My Account > Security).",
    tags: ['ci', 'sonar'],
    examples: {
      match: [
        "sonar.login=fbd61605dfeeae4b6c8395b4027d0524af8920b0",
        "SONAR_TOKEN: f0290a584a137255bdcf5bd571a6739baa7ed4c3",
      ],
      noMatch: [
        "sonar.projectKey=266241362b9463f088615657e7e3aed0120e804e",
        "SONAR_TOKEN: 5c417250ba4b82566332fedeceaa24",
      ],
    },
  },
  {
    id: 'octopus-deploy-api-key',
    description: "Octopus Deploy API key (API-…)",
    severity: 'high',
    keywords: ["api-"],
    pattern: String.raw`\b(?<secret>API-[A-Z0-9]{26})\b`,
    entropy: 3.5,
    allowlist: {
      secretPatterns: [String.raw`^API-[A-Z]+$`],
    },
    remedy: "Revoke the API key in Octopus (Profile > My API Keys) and create a new one.",
    tags: ['ci', 'octopus'],
    examples: {
      match: [
        "OCTOPUS_API_KEY=API-XPC4EGAQT804G66D0ZFMCFC9XG",
      ],
      noMatch: [
        "OCTOPUS_API_KEY=API-8XJ142N5W23AEL1NXBBQ",
        "ERROR_CODE=API-GATEWAYTIMEOUTEXCEEDEDRETRY",
      ],
    },
  },
  {
    id: 'harness-access-token',
    description: "Harness personal or service account token (pat./sat.…)",
    severity: 'high',
    keywords: ["pat.", "sat."],
    pattern: String.raw`\b(?<secret>(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})\b`,
    entropy: 3.8,
    remedy: "Delete the token in Harness (My Profile > My API Keys, or the service account's API keys).",
    tags: ['ci', 'harness'],
    examples: {
      match: [
        "HARNESS_API_KEY=pat.-fzAQZnqj9Z2uzKcmXLaXh.kWfGNIkyi8aFoGxMEIOgoVkY.ZsLotSFGgMJDqWoFzKQb",
      ],
      noMatch: [
        "HARNESS_API_KEY=pat.ElPDeAJKj0ETCp1XmxhSQT.YwBIX1FjE4SADrI7G8TmQkjT",
      ],
    },
  },
  {
    id: 'npm-access-token',
    description: "npm access token (npm_…), checksum-verified",
    severity: 'critical',
    keywords: ["npm_"],
    pattern: String.raw`\b(?<secret>npm_[A-Za-z0-9]{36})\b`,
    validate: isValidBase62Crc32Token,
    remedy: "Revoke the token on npmjs.com (Access Tokens) or with npm token revoke, then check recently published versions.",
    tags: ['registry', 'npm'],
    examples: {
      match: [
        "//registry.npmjs.org/:_authToken=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",
        "NPM_TOKEN=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",
      ],
      noMatch: [
        "//registry.npmjs.org/:_authToken=npm_Lgta9pSglM3PS9aXo6o2gdjtCxDx4U2hLJUa",
        "NPM_TOKEN=npm_Lgta9pSglM3PS9aXo6o2gdjtCxDx4U2hLJ",
        "NPM_TOKEN=npm_zdHDEMAVXWQzcisxXstLzS7SrYpS5B0Sfes3x",
      ],
    },
  },
  {
    id: 'pypi-upload-token',
    description: "PyPI API token (pypi-AgEIcHlwaS5vcmc…)",
    severity: 'critical',
    keywords: ["pypi-ageichlwas5vcmc"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Remove the API token on pypi.org (Account settings > API tokens) and check recent releases; prefer trusted publishing.",
    tags: ['registry', 'pypi'],
    examples: {
      match: [
        "password = pypi-AgEIcHlwaS5vcmc0DyRN1ht59ce-wRTaT2aoAtetPGDtdh4-DDVBmTpbP_-Bs6fZx4fzkflLgG4nIO52v80JizFzeT1zQmTbU5QcX4IWBb6z2QB3BT61awOfy3jors3vz7f2UqmHVPxE9t5hMbJGT8N5-7SABRdb63k-wlNrGdhwzyt",
        "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc0DyRN1ht59ce-wRTaT2aoAtetPGDtdh4-DDVBmTpbP_-Bs6fZx4fzkflLgG4nIO52v80JizFzeT1zQmTbU5QcX4IWBb6z2QB3BT61awOfy3jors3vz7f2UqmHVPxE9t5hMbJGT8N5-7SABRdb63k-wlNrGdhwzyt",
      ],
      noMatch: [
        "password = pypi-AgEIcHlwaS5vcmcy-bFKNQ9jQA9KMEnkjj3",
        "password = pypi-AgEIcHlwaS5vcmdK6YQgXwunSWVbxp4PS2HB_HQNU3Ur67rRVhcbDEjhlTck5SgZwP9S0Zwzj_MCsmla4c7zbxPPE98oPL723dH_uFQtHB2Nifj9CkJ",
      ],
    },
  },
  {
    id: 'pypi-test-upload-token',
    description: "TestPyPI API token (pypi-AgENdGVzdC5weXBpLm9yZw…)",
    severity: 'medium',
    keywords: ["pypi-agendgvzdc5wexbplm9yzw"],
    pattern: String.raw`(?<![A-Za-z0-9_-])(?<secret>pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000})(?![A-Za-z0-9_-])`,
    entropy: 4,
    remedy: "Remove the API token on test.pypi.org (Account settings > API tokens).",
    tags: ['registry', 'pypi'],
    examples: {
      match: [
        "password = pypi-AgENdGVzdC5weXBpLm9yZwdcnlg_o8tRhKXSEns-wErOCggdVoaz69GCK8Mnclc4KDFX0Sk3zvNRfEQ0Jo4Hs2zvSkTljD8NHQn52cOMR2iYry-ECcTIhWexJTpzGpMbnZmgVb8lNiY0MCABkkYtSDKgZAyJpFLDiH",
      ],
      noMatch: [
        "password = pypi-AgENdGVzdC5weXBpLm9yZwYHNrRT0ws9QqUIuW7qEO",
      ],
    },
  },
  {
    id: 'rubygems-api-key',
    description: "RubyGems.org API key (rubygems_…)",
    severity: 'critical',
    keywords: ["rubygems_"],
    pattern: String.raw`\b(?<secret>rubygems_[a-f0-9]{48})\b`,
    entropy: 3,
    remedy: "Delete the API key on rubygems.org (Settings > API keys) and check recently pushed gem versions.",
    tags: ['registry', 'rubygems'],
    examples: {
      match: [
        ":rubygems_api_key: rubygems_04c21c70c70bf3e30d7807db547d2fa495d4c82cea0fbd2a",
        "GEM_HOST_API_KEY=rubygems_0d846a1b62e8efac1b2e1c63e75c71d558b0f6c1bdf8797f",
      ],
      noMatch: [
        "GEM_HOST_API_KEY=rubygems_f55435c93ce2f877310b0d757a1aee311cbf55de",
        "GEM_HOST_API_KEY=rubygems_37e55f97a56b2e328851dafe1c278671e2bc2cfb675c1675a",
      ],
    },
  },
  {
    id: 'nuget-api-key',
    description: "NuGet.org API key (oy2…)",
    severity: 'critical',
    keywords: ["oy2"],
    pattern: String.raw`\b(?<secret>oy2[a-z0-9]{43})\b`,
    entropy: 3.5,
    remedy: "Delete or regenerate the key on nuget.org (API Keys) and check recently pushed package versions.",
    tags: ['registry', 'nuget'],
    examples: {
      match: [
        "dotnet nuget push pkg.nupkg --api-key oy2568h4argxq6ffrrrv5mf8q6ooie8lmbfslb6onow3h8 --source https://api.nuget.org/v3/index.json",
        "NUGET_API_KEY=oy2lsq03yoeszca342nrrs7ww5i96jvnzzge60njnshjx8",
      ],
      noMatch: [
        "NUGET_API_KEY=oy212ou2e04ns5htfnemxjkbfj4vpt6rn",
        "NUGET_API_KEY=oy26hu0n1n23aysl2d5cnao642jqxd1vicjrm7jxo8bxktz",
      ],
    },
  },
  {
    id: 'crates-io-api-token',
    description: "crates.io API token (cio…)",
    severity: 'critical',
    keywords: ["cio"],
    pattern: String.raw`\b(?<secret>cio[A-Za-z0-9]{32})\b`,
    entropy: 4,
    allowlist: {
      secretPatterns: [String.raw`^cio[A-Za-z]+$`],
    },
    remedy: "Revoke the token on crates.io (Account Settings > API Tokens) and check recently published versions.",
    tags: ['registry', 'crates'],
    examples: {
      match: [
        "CARGO_REGISTRY_TOKEN=cioIUbhUVtz7MzeTtVVZkWXVE8Q89YHBzNt",
        "[registry]\ntoken = \"cioeNPJL8yV2rrKtSU5BlHVto7ukZdMTn0e\"",
      ],
      noMatch: [
        "CARGO_REGISTRY_TOKEN=cioI4C2K6zJiCJtJR7QOFyO",
        "const cioConfigurationManagerFactoryImplX = 1;",
      ],
    },
  },
  {
    id: 'dockerhub-access-token',
    description: "Docker Hub personal or organization access token (dckr_pat_/dckr_oat_)",
    severity: 'high',
    keywords: ["dckr_pat_", "dckr_oat_"],
    pattern: String.raw`\b(?<secret>dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32})(?![A-Za-z0-9_-])`,
    entropy: 3.8,
    remedy: "Delete the access token in Docker Hub (Account settings > Personal access tokens, or the organization's tokens).",
    tags: ['registry', 'docker'],
    examples: {
      match: [
        "echo dckr_pat_7VymNN_hJ7iZx5g783D_crQcn7C | docker login -u ci --password-stdin",
        "DOCKERHUB_TOKEN=dckr_oat_y8tdLYWJ9Kf3-d4ymXC2Q6h3aLn71W_Z",
      ],
      noMatch: [
        "DOCKERHUB_TOKEN=dckr_pat_GfAlILuLPnW1",
      ],
    },
  },
  {
    id: 'jfrog-api-key',
    description: "JFrog Artifactory API key (AKCp…)",
    severity: 'high',
    keywords: ["akcp"],
    pattern: String.raw`\b(?<secret>AKCp[A-Za-z0-9]{69})\b`,
    entropy: 4.5,
    remedy: "Revoke the API key in Artifactory (Edit Profile > API Key) and move to scoped access tokens.",
    tags: ['registry', 'jfrog'],
    examples: {
      match: [
        "ARTIFACTORY_API_KEY=AKCpJJcgnLfKhQGWs1jnzz8yagvNYlPKDoP1hEETuoUPhFGNFY2SZyB6fGRNBvSiJ8GyfOWPw",
      ],
      noMatch: [
        "ARTIFACTORY_API_KEY=AKCpC4cqzoEf2ClflmEsmvsbwoacheQBL2jhsb9qlcSy",
      ],
    },
  },
  {
    id: 'jfrog-reference-token',
    description: "JFrog Artifactory reference token (cmVmdGtu…)",
    severity: 'high',
    keywords: ["cmvmdgtu"],
    pattern: String.raw`\b(?<secret>cmVmdGtu[A-Za-z0-9]{56})\b`,
    entropy: 4.5,
    remedy: "Revoke the token in the JFrog Platform (Administration > Identity and Access > Access Tokens).",
    tags: ['registry', 'jfrog'],
    examples: {
      match: [
        "ARTIFACTORY_ACCESS_TOKEN=cmVmdGtud2dAJm1xpNJ1xoHsKChUrjQnIH3d7JJk5IPHLHoFwXTD5kwdyVawLM1W",
      ],
      noMatch: [
        "ARTIFACTORY_ACCESS_TOKEN=cmVmdGtuTg2dUOUFtGH5FlsBmWtuBWnzVMZkEg",
      ],
    },
  },
  {
    id: 'clojars-deploy-token',
    description: "Clojars deploy token (CLOJARS_…)",
    severity: 'high',
    keywords: ["clojars_"],
    pattern: String.raw`\b(?<secret>CLOJARS_[a-z0-9]{60})\b`,
    entropy: 3.5,
    remedy: "Disable the deploy token on clojars.org (Deploy Tokens).",
    tags: ['registry', 'clojars'],
    examples: {
      match: [
        "CLOJARS_PASSWORD=CLOJARS_z6nx9vm7cbggzrprrhg7uubo64ijv7i5cs209mg16pudxxew5wrb2nmpajq3",
      ],
      noMatch: [
        "CLOJARS_PASSWORD=CLOJARS_5ws6gm5lb3smt00ie518apqjpoc6ehdiftgwvjcu",
      ],
    },
  },
  {
    id: 'packagist-token',
    description: "Private Packagist token (packagist_uat_/packagist_ort_/…)",
    severity: 'high',
    keywords: ["packagist_"],
    pattern: String.raw`\b(?<secret>packagist_[a-z]{3}_[A-Za-z0-9]{60,80})\b`,
    entropy: 4,
    remedy: "Revoke the token in Private Packagist (Settings > Authentication tokens).",
    tags: ['registry', 'packagist'],
    examples: {
      match: [
        "COMPOSER_AUTH='{\"http-basic\":{\"repo.packagist.com\":{\"username\":\"token\",\"password\":\"packagist_uat_bppW0MpYxgzzPvPt1DznKh4Lde5SBJIRBopxdMeuBpoH7PYgSB47H7H36b5FHIjcr1ju\"}}}'",
      ],
      noMatch: [
        "password: packagist_uat_wwVWfZ2SQw7EY9o8h8PC",
      ],
    },
  },
  {
    id: 'gradle-plugin-portal-secret',
    description: "Gradle Plugin Portal publishing key or secret",
    severity: 'high',
    keywords: ["gradle.publish"],
    pattern: String.raw`gradle\.publish\.(?:key|secret)[ \t]{0,3}[=:][ \t]{0,3}(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`,
    entropy: 3.8,
    remedy: "Regenerate the API keys on plugins.gradle.org (your profile > API Keys).",
    tags: ['registry', 'gradle'],
    examples: {
      match: [
        "gradle.publish.secret=lXjYPGIomKx7pDRZF2bQqrMI8rKHLY3i",
      ],
      noMatch: [
        "gradle.publish.secret=8QvGRWDLgGmONhYCAany",
        "gradle.publish.secret=${GRADLE_SECRET}",
      ],
    },
  },
];
