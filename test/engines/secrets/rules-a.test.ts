import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule, matchRule } from '../../../src/engines/secrets/compile.js';
import { BASE62_ALPHABET, BECH32_ALPHABET, base62Crc32Checksum, bech32Checksum } from '../../../src/engines/secrets/checksums.js';
import { groupA } from '../../../src/engines/secrets/rules/group-a.js';
import { SecretScanner, type ScannerOptions } from '../../../src/engines/secrets/scanner.js';

/** Only the group A rules, without the generic rule or decoding, so every hit is attributable to one of them. */
const options: ScannerOptions = {
  decode: { enabled: false, maxDepth: 0 },
  generic: [],
  allowlist: { paths: [], secrets: [], stopwords: [] },
};
const scanner = SecretScanner.fromSpecs(groupA, options);

function ruleIdsIn(path: string, text: string): string[] {
  return [...new Set(scanner.scanText(path, text).map((h) => h.rule.id))].sort();
}

/** A small deterministic generator, so that a failing corpus can be reproduced. */
function makeRandom(seed: number): (alphabet: string, length: number) => string {
  let state = seed >>> 0;
  return (alphabet, length) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      out += alphabet.charAt((state >>> 8) % alphabet.length);
    }
    return out;
  };
}

const HEX = '0123456789abcdef';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = `${BASE62_ALPHABET}+/`;

const base62Char = fc.constantFrom(...BASE62_ALPHABET.split(''));
const randomPart = fc.string({ unit: base62Char, minLength: 30, maxLength: 30 });
const context = fc.constantFrom(
  (t: string) => `export GITHUB_TOKEN=${t}`,
  (t: string) => `token: "${t}"`,
  (t: string) => `{"auth": {"token": "${t}"}}`,
  (t: string) => `https://x-access-token:${t}@github.com/acme/app.git`,
  (t: string) => `headers = {"Authorization": "Bearer ${t}"}`,
  (t: string) => `//registry.npmjs.org/:_authToken=${t}`,
);

describe('group A rules', () => {
  it('has at least 85 rules, all with a remedy and tags', () => {
    expect(groupA.length).toBeGreaterThanOrEqual(85);
    for (const rule of groupA) {
      expect(rule.remedy, rule.id).toMatch(/\w.{20,}\.$/);
      expect(rule.tags?.length, rule.id).toBeGreaterThan(0);
      expect(rule.pattern, rule.id).toContain('(?<secret>');
    }
  });

  it('keeps every rule keyword inside some true example of that rule', () => {
    // A keyword that no true example contains is a keyword the rule probably never needs.
    for (const rule of groupA) {
      const examples = rule.examples.match.map((e) => e.toLowerCase());
      const unused = rule.keywords.filter((k) => !examples.some((e) => e.includes(k)));
      expect(unused.length, `${rule.id}: keywords ${unused.join(', ')}`).toBeLessThan(rule.keywords.length);
    }
  });
});

describe('keywords cover every spelling a pattern accepts', () => {
  // The prefilter skips a rule when none of its keywords is in the file, so a pattern that also
  // accepts DD-API-KEY or cf-api-token needs keywords for those spellings too.
  const spellings = (s: string): string[] => [
    s,
    s.toUpperCase(),
    s.toLowerCase(),
    s.replace(/_/g, '-'),
    s.replace(/_/g, '.'),
    s.replace(/[-.]/g, '_'),
    s.replace(/_/g, ''),
  ];

  it.each(groupA.map((r) => [r.id, r] as const))('%s', (_id, spec) => {
    const rule = compileRule(spec);
    for (const example of spec.examples.match) {
      for (const variant of spellings(example)) {
        if (matchRule(rule, variant).length === 0) continue;
        const lower = variant.toLowerCase();
        expect(spec.keywords.some((k) => lower.includes(k)), `no keyword in: ${variant.slice(0, 60)}`).toBe(true);
      }
    }
  });
});

describe('checksum-verified tokens', () => {
  const prefixes = { ghp_: 'github-pat-classic', gho_: 'github-oauth-token', ghu_: 'github-user-to-server-token', ghs_: 'github-server-to-server-token', ghr_: 'github-refresh-token', npm_: 'npm-access-token' } as const;
  const prefix = fc.constantFrom(...(Object.keys(prefixes) as (keyof typeof prefixes)[]));

  it('finds every well-formed token in any common context', () => {
    fc.assert(
      fc.property(prefix, randomPart, context, (p, random, wrap) => {
        const token = `${p}${random}${base62Crc32Checksum(random)}`;
        const hits = scanner.scanText('config.env', wrap(token)).filter((h) => h.rule.id === prefixes[p]);
        return hits.length === 1 && hits[0]?.secret === token;
      }),
      { numRuns: 300 },
    );
  });

  it('ignores lookalikes whose checksum does not hold', () => {
    fc.assert(
      fc.property(prefix, fc.string({ unit: base62Char, minLength: 36, maxLength: 36 }), context, (p, body, wrap) => {
        fc.pre(body.slice(30) !== base62Crc32Checksum(body.slice(0, 30)));
        return scanner.scanText('config.env', wrap(`${p}${body}`)).every((h) => h.rule.id !== prefixes[p]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds an age key only when its bech32 checksum holds', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 52, maxLength: 52 }), fc.integer({ min: 0, max: 57 }), (data, flip) => {
        const hrp = 'age-secret-key-';
        const key = `${hrp}1${data.map((d) => BECH32_ALPHABET.charAt(d)).join('')}${bech32Checksum(hrp, data)}`.toUpperCase();
        const found = ruleIdsIn('keys.txt', `# public key: age1...\n${key}\n`).includes('age-secret-key');
        const index = hrp.length + 1 + flip;
        const alphabet = BECH32_ALPHABET.toUpperCase();
        const swapped = alphabet.charAt((alphabet.indexOf(key.charAt(index)) + 1) % 32);
        const broken = key.slice(0, index) + swapped + key.slice(index + 1);
        return found && !ruleIdsIn('keys.txt', `${broken}\n`).includes('age-secret-key');
      }),
      { numRuns: 100 },
    );
  });
});

describe('recall on realistic files', () => {
  const r = makeRandom(20251122);

  it('finds both halves of an AWS credentials file', () => {
    const id = `AKIA${r(B32, 16)}`;
    const secret = r(B64, 40);
    const file = `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-west-1\n`;
    expect(ruleIdsIn('.aws/credentials', file)).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
  });

  it('finds the key id of a Google Cloud service account file', () => {
    const file = JSON.stringify(
      {
        type: 'service_account',
        project_id: 'billing-prod',
        private_key_id: r(HEX, 40),
        client_email: 'exporter@billing-prod.iam.gserviceaccount.com',
        client_id: r('0123456789', 21),
      },
      null,
      2,
    );
    expect(ruleIdsIn('sa.json', file)).toEqual(['gcp-service-account-key-id']);
  });

  it('finds hard-coded tokens in a CI workflow and a compose file', () => {
    const random = r(BASE62_ALPHABET, 30);
    const workflow = [
      'jobs:',
      '  publish:',
      '    env:',
      `      NODE_AUTH_TOKEN: npm_${random}${base62Crc32Checksum(random)}`,
      `      SONAR_TOKEN: squ_${r(HEX, 40)}`,
      '      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
    ].join('\n');
    expect(ruleIdsIn('.github/workflows/release.yml', workflow)).toEqual(['npm-access-token', 'sonarqube-token']);

    const compose = [
      'services:',
      '  api:',
      '    environment:',
      `      - STRIPE_SECRET_KEY=sk_live_${r(BASE62_ALPHABET, 24)}`,
      `      - DD_API_KEY=${r(HEX, 32)}`,
      `      - DATABASE_HOST=db`,
    ].join('\n');
    expect(ruleIdsIn('docker-compose.yml', compose)).toEqual(['datadog-api-key', 'stripe-secret-key']);
  });
});

describe('precision on ordinary files', () => {
  const r = makeRandom(7);
  const sha = (): string => r(HEX, 40);
  const corpus: Record<string, string> = {
    'package-lock.json': JSON.stringify({
      name: 'web',
      lockfileVersion: 3,
      packages: {
        'node_modules/left-pad': {
          version: '1.3.0',
          resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz',
          integrity: `sha512-${r(B64, 86)}==`,
        },
      },
    }),
    'go.sum': `github.com/stretchr/testify v1.9.0 h1:${r(B64, 43)}=\ngithub.com/stretchr/testify v1.9.0/go.mod h1:${r(B64, 43)}=\n`,
    '.github/workflows/ci.yml': [
      'on: [push]',
      'jobs:',
      '  build:',
      '    steps:',
      '      - uses: actions/checkout@' + sha(),
      '      - run: npm publish',
      '        env:',
      '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
      '          SONAR_TOKEN: ${{ secrets.SONAR_TOKEN }}',
      '          CODECOV_TOKEN: ${{ secrets.CODECOV_TOKEN }}',
      `          CIRCLE_SHA1: ${sha()}`,
      '          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
    ].join('\n'),
    'README.md': [
      '## Configuration',
      '',
      'export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'STRIPE_SECRET_KEY=sk_live_<your-secret-key>',
      'Tokens look like `glpat-` followed by 20 characters, and `npm_` tokens carry a checksum.',
    ].join('\n'),
    'settings.py': [
      'import os',
      'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
      'AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY")',
      'STRIPE_PUBLISHABLE_KEY = os.getenv("STRIPE_PUBLISHABLE_KEY", "")',
      'def is_live(key: str) -> bool:',
      '    return key.startswith("sk_live_") or key.startswith("rk_live_")',
    ].join('\n'),
    'main.tf': [
      'variable "aws_secret_access_key" {',
      '  type      = string',
      '  sensitive = true',
      '}',
      'provider "aws" {',
      '  secret_key = var.aws_secret_access_key',
      '}',
      'resource "azurerm_storage_account" "logs" {',
      '  name = "prodlogs7"',
      '}',
    ].join('\n'),
    'deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      `          image: registry.acme.io/api@sha256:${r(HEX, 64)}`,
      '          env:',
      '            - name: HEROKU_API_KEY',
      '              valueFrom: { secretKeyRef: { name: heroku, key: api-key } }',
      `            - name: HEROKU_APP_ID`,
      `              value: "${r(HEX, 8)}-${r(HEX, 4)}-4${r(HEX, 3)}-a${r(HEX, 3)}-${r(HEX, 12)}"`,
    ].join('\n'),
    'app.min.js': `!function(){var e="${r(B64, 300)}";window.__cfg={sentryRelease:"${sha()}",build:"${r(HEX, 12)}"};}();\n//# sourceMappingURL=data:application/json;base64,${r(B64, 2000)}`,
    'styles.css': `.btn{color:#1a2b3c;background:url(data:image/png;base64,${r(B64, 800)})}`,
    'Service.java': [
      'public final class TokenValidator {',
      '  private static final String PREFIX = "ghp_";',
      '  private static final int GITHUB_TOKEN_LENGTH = 40;',
      '  static boolean looksLikeAwsKey(String s) { return s.startsWith("AKIA") && s.length() == 20; }',
      '  static final String ASIA_PACIFIC_REGION_NAME = "ASIAPACIFICREGIONNAME";',
      '}',
    ].join('\n'),
    'NOTES.md': [
      'Set the GITHUB_TOKEN environment variable to a token with repo scope before running.',
      'The gitlab token authentication_failure_handler is configured in settings.',
      'heroku token expired at 2024-01-01T00:00:00Z for app 3f1c2a4e-8b7d-4c6e-9a0f-1b2c3d4e5f60',
      'HEROKU_APP_ID 3f1c2a4e-8b7d-4c6e-9a0f-1b2c3d4e5f60',
      'sonar.login ${SONAR_LOGIN}',
      'aws_secret_access_key ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      'linode token scope: linodes:read_write domains:read_only',
      'GITHUB_TOKEN_SHA256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'LIGHT_TOKEN=' + sha(),
      'sentry dsn: https://' + r(HEX, 32) + '@o1.ingest.sentry.io/5',
      'cloudflare token permissions: Zone.DNS:Edit, Zone.Zone:Read',
    ].join('\n'),
    'schema.sql': `INSERT INTO commits (sha, author) VALUES ('${sha()}', 'gitea-bot');\n-- github_client_secret column holds a reference, not a value\n`,
  };

  it.each(Object.entries(corpus))('%s yields no group A finding', (path, text) => {
    expect(ruleIdsIn(path, text)).toEqual([]);
  });

  it('random base64 and hex blobs yield no group A finding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const rand = makeRandom(seed);
        const text = `blob = "${rand(B64, 4000)}"\nhash = ${rand(HEX, 64)}\nid = ${rand(BASE62_ALPHABET, 500)}\n`;
        return ruleIdsIn('data.txt', text).length === 0;
      }),
      { numRuns: 40 },
    );
  });
});

describe('performance', () => {
  it('runs every group A rule over hostile input quickly', () => {
    const r = makeRandom(99);
    const hostile = [
      'a'.repeat(100_000),
      `${'aws_secret_key='.repeat(3000)}`,
      `${'key: "'.repeat(5000)}`,
      `sl.${'A'.repeat(50_000)}`,
      `${'?sv=1&'.repeat(5000)}sig=`,
      `${'ghp_'.repeat(10_000)}`,
      r(B64, 100_000),
    ].join('\n');
    const started = performance.now();
    scanner.scanText('hostile.txt', hostile);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
