import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBaseline } from '../../src/io/suppressions.js';
import { locationFingerprint } from '../../src/report/fingerprint.js';
import { formatReport, JSON_SCHEMA_VERSION, type JsonReport } from '../../src/report/index.js';
import { at, cleanReport, makeFinding, makeReport, reportValidator, sampleReport, sha256 } from './fixtures.js';

const validate = reportValidator();

function parse(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

describe('json format', () => {
  it('is valid against schema/leakproof.report.schema.json', () => {
    expectValid(parse(formatReport(sampleReport(), 'json', { color: false })));
    expectValid(parse(formatReport(cleanReport(), 'json', { color: false })));
  });

  it('carries version, tool, summary with counts by severity, findings and rules', () => {
    const json = parse(formatReport(sampleReport(), 'json', { color: true }));
    expect(json.schemaVersion).toBe(JSON_SCHEMA_VERSION);
    expect(json.schemaVersion).toBe('1.0.0');
    expect(json.tool).toEqual({ name: 'leakproof', version: '0.1.0' });
    expect(json.summary).toEqual({
      filesScanned: 12,
      bytesScanned: 345_678,
      filesSkipped: 1,
      skipped: [{ path: 'assets/logo.png', reason: 'binary' }],
      suppressed: 2,
      durationMs: 123.4,
      findings: 3,
      bySeverity: { info: 0, low: 0, medium: 1, high: 1, critical: 1 },
    });
    expect(json.findings.map((finding) => finding.ruleId)).toEqual(['aws-access-key-id', 'github-pat', 'slack-bot-token']);
    expect(json.rules.map((rule) => rule.id)).toEqual(['aws-access-key-id', 'generic-password', 'github-pat', 'slack-bot-token']);
  });

  it('keeps every finding field, and a fingerprint on the finding and on each location', () => {
    const report = sampleReport();
    const json = parse(formatReport(report, 'json', { color: false }));
    const aws = json.findings[0];
    const source = report.findings.find((finding) => finding.ruleId === 'aws-access-key-id');
    expect(aws).toBeDefined();
    expect(source).toBeDefined();
    if (aws === undefined || source === undefined) return;
    expect(aws).toMatchObject({
      ruleId: source.ruleId,
      description: source.description,
      severity: 'critical',
      redacted: 'AKIA…',
      secretHash: source.secretHash,
      fingerprint: source.fingerprint,
      remedy: source.remedy,
      tags: ['aws', 'cloud'],
    });
    expect(aws.location.path).toBe('src/config.ts');
    expect(aws.locations.map((location) => location.path)).toEqual(['src/config.ts', 'b.ts', 'c.ts', 'docs/setup.md', 'test/a.ts']);
    for (const location of aws.locations) {
      expect(location.fingerprint).toBe(sha256(`aws-access-key-id:${location.path}:${source.secretHash}`));
    }
    expect(aws.location.fingerprint).toBe(aws.fingerprint);
    expect(aws.locations.find((location) => location.path === 'docs/setup.md')?.decodedFrom).toBe('base64');
    expect(aws.locations.find((location) => location.path === 'c.ts')?.context).toEqual({ commit: '0123abcd', author: 'dev' });
    // Optional fields are left out, not written as null.
    const github = json.findings[1];
    expect(github !== undefined && 'remedy' in github).toBe(false);
    expect(github?.location.decodedFrom).toBeUndefined();
  });

  it('can be read back as a baseline: fingerprints and paths', () => {
    const text = formatReport(sampleReport(), 'json', { color: false });
    const parsed = JSON.parse(text) as { findings: { fingerprint: string; locations: { path: string }[] }[] };
    const fingerprints = new Set(parsed.findings.map((finding) => finding.fingerprint));
    expect(fingerprints.size).toBe(3);
    expect(parsed.findings.flatMap((finding) => finding.locations.map((location) => location.path))).toContain(
      'pkg.tgz!package/dist/index.js',
    );
  });

  it('is accepted by the baseline reader, which finds every finding and location fingerprint', () => {
    const report = sampleReport();
    const baseline = parseBaseline(formatReport(report, 'json', { color: false }), 'old.json');
    for (const finding of report.findings) {
      expect(baseline.has(finding.fingerprint)).toBe(true);
      for (const location of finding.locations) {
        expect(baseline.has(locationFingerprint(finding.ruleId, location.path, finding.secretHash))).toBe(true);
      }
    }
  });

  it('locationFingerprint is sha256(ruleId:path:secretHash)', () => {
    const hash = sha256('secret');
    expect(locationFingerprint('rule', 'a/b.js', hash)).toBe(sha256(`rule:a/b.js:${hash}`));
    expect(locationFingerprint('rule', 'a/b.js', hash)).toMatch(/^[0-9a-f]{64}$/);
    expect(locationFingerprint('rule', 'a/c.js', hash)).not.toBe(locationFingerprint('rule', 'a/b.js', hash));
  });

  it('round-trips odd paths and text exactly (quotes, control characters, unicode, lone surrogates)', () => {
    const path = 'dir "q"/tab\there/新しい\u0000\uD800.js';
    const description = 'Token with "quotes", \\backslashes\\ and\nnewlines </script>';
    const finding = makeFinding({ ruleId: 'odd', description, severity: 'info', secret: 'oddSECRETvalue1234', locations: [at(path, 1, 1)] });
    const text = formatReport(makeReport([finding]), 'json', { color: false });
    const json = parse(text);
    expectValid(json);
    expect(json.findings[0]?.location.path).toBe(path);
    expect(json.findings[0]?.description).toBe(description);
    // JSON.stringify escapes control characters and lone surrogates, so the file is valid UTF-8 text.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
  });

  it('never writes fields a rule object may carry beyond the documented ones', () => {
    const ruleWithExtras = {
      id: 'custom',
      description: 'Custom rule',
      severity: 'low' as const,
      pattern: 'custom_[a-z]{20}',
      examples: { match: ['custom_abcdefghijklmnopqrst'], noMatch: [] },
    };
    const json = parse(formatReport(makeReport([], [ruleWithExtras]), 'json', { color: false }));
    expect(json.rules).toEqual([{ id: 'custom', description: 'Custom rule', severity: 'low' }]);
    expectValid(json);
  });

  it('every field of the schema is documented in docs/report-format.md', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schema/leakproof.report.schema.json', import.meta.url), 'utf8')) as unknown;
    const doc = readFileSync(new URL('../../docs/report-format.md', import.meta.url), 'utf8');
    const names = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (typeof node === 'object' && node !== null) {
        const record = node as Record<string, unknown>;
        const properties = record['properties'];
        if (typeof properties === 'object' && properties !== null) for (const name of Object.keys(properties)) names.add(name);
        Object.values(record).forEach(collect);
      }
    };
    collect(schema);
    expect(names.size).toBeGreaterThan(25);
    const undocumented = [...names].filter((name) => !doc.includes(`\`${name}\``) && !doc.includes(`\`${name}.`) && !doc.includes(`.${name}\``));
    expect(undocumented).toEqual([]);
  });
});
