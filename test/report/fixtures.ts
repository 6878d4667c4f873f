/**
 * Fixed ScanReports for the formatter tests, built the way the scanner builds them:
 * the preview from redact(), the hash from SHA-256 of the secret, the fingerprint from
 * locationFingerprint(). The secrets below are fake, made up for these tests.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { Finding, Location, RuleInfo, ScanReport, Severity } from '../../src/engines/secrets/types.js';
import { redact } from '../../src/engines/secrets/redact.js';
import { locationFingerprint } from '../../src/report/fingerprint.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function at(path: string, line: number, column: number, extra: Partial<Location> = {}): Location {
  return { path, line, column, endLine: line, endColumn: column + 20, ...extra };
}

export interface FindingSpec {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly secret: string;
  readonly locations: readonly [Location, ...Location[]];
  readonly remedy?: string;
  readonly tags?: readonly string[];
}

export function makeFinding(spec: FindingSpec): Finding {
  const secretHash = sha256(spec.secret);
  const [first] = spec.locations;
  return {
    ruleId: spec.ruleId,
    description: spec.description,
    severity: spec.severity,
    redacted: redact(spec.secret),
    secretHash,
    fingerprint: locationFingerprint(spec.ruleId, first.path, secretHash),
    location: first,
    locations: spec.locations,
    ...(spec.remedy === undefined ? {} : { remedy: spec.remedy }),
    ...(spec.tags === undefined ? {} : { tags: spec.tags }),
  };
}

export function makeReport(findings: readonly Finding[], rules: readonly RuleInfo[] = [], summary: Partial<ScanReport['summary']> = {}): ScanReport {
  return {
    tool: { name: 'leakproof', version: '0.1.0' },
    findings,
    rules,
    summary: {
      filesScanned: 12,
      bytesScanned: 345_678,
      filesSkipped: 1,
      skipped: [{ path: 'assets/logo.png', reason: 'binary' }],
      suppressed: 2,
      durationMs: 123.4,
      ...summary,
    },
  };
}

export const SECRETS = {
  aws: 'AKIAZ7QX4TESTFAKE123',
  github: 'ghp_0123456789abcdefFAKEfakeFAKEfake0000',
  slack: 'xoxb-1111-2222-FAKEfakeFAKE',
  short: 'pw123456',
} as const;

export const RULES: readonly RuleInfo[] = [
  {
    id: 'aws-access-key-id',
    description: 'AWS access key ID',
    severity: 'critical',
    remedy: 'Deactivate the key in IAM, create a new one and store it in a secret manager.',
    tags: ['aws', 'cloud'],
  },
  { id: 'github-pat', description: 'GitHub personal access token', severity: 'high', tags: ['github'] },
  { id: 'slack-bot-token', description: 'Slack bot token', severity: 'medium' },
  { id: 'generic-password', description: 'Password assignment', severity: 'low' },
];

/** Three findings of different severities, one seen in five places, one inside a tarball. */
export function sampleReport(): ScanReport {
  return makeReport(
    [
      makeFinding({
        ruleId: 'slack-bot-token',
        description: 'Slack bot token',
        severity: 'medium',
        secret: SECRETS.slack,
        locations: [at('pkg.tgz!package/dist/index.js', 1, 4051)],
      }),
      makeFinding({
        ruleId: 'aws-access-key-id',
        description: 'AWS access key ID',
        severity: 'critical',
        secret: SECRETS.aws,
        remedy: 'Deactivate the key in IAM, create a new one and store it in a secret manager.',
        tags: ['aws', 'cloud'],
        locations: [
          at('src/config.ts', 12, 15),
          at('test/a.ts', 3, 1),
          at('docs/setup.md', 40, 7, { decodedFrom: 'base64' }),
          at('b.ts', 4, 4),
          at('c.ts', 9, 2, { context: { commit: '0123abcd', author: 'dev' } }),
        ],
      }),
      makeFinding({
        ruleId: 'github-pat',
        description: 'GitHub personal access token',
        severity: 'high',
        secret: SECRETS.github,
        tags: ['github'],
        locations: [at('.env', 2, 14)],
      }),
    ],
    RULES,
  );
}

export function cleanReport(): ScanReport {
  return makeReport([], RULES, { filesScanned: 3, bytesScanned: 2048, filesSkipped: 0, skipped: [], suppressed: 0, durationMs: 5 });
}

const addFormats = formatsModule.default;

function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../fixtures/report/${name}`, import.meta.url));
}

/** Validator for the official SARIF 2.1.0 schema (draft-07), with `format` keywords enforced. */
export function sarifValidator(): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(fixturePath('sarif-schema-2.1.0.json'), 'utf8')) as object;
  return ajv.compile(schema);
}

/** Validator for leakproof's own JSON report schema (draft 2020-12), compiled in strict mode. */
export function reportValidator(): ReturnType<Ajv2020['compile']> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const path = fileURLToPath(new URL('../../schema/leakproof.report.schema.json', import.meta.url));
  return ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
}
