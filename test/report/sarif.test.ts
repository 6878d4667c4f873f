import { describe, expect, it } from 'vitest';
import { isLeakproofError } from '../../src/errors.js';
import { formatReport } from '../../src/report/index.js';
import { escapeMarkdown, FINGERPRINT_KEY, ruleName, sarifText, SECURITY_SEVERITY, sourceRootUri } from '../../src/report/sarif.js';
import { pathToArtifactUri } from '../../src/report/uri.js';
import { at, cleanReport, makeFinding, makeReport, RULES, sampleReport, sarifValidator } from './fixtures.js';

const validate = sarifValidator();

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion };
  message?: { text: string };
  properties?: Record<string, unknown>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
  }[];
}

function sarif(report = sampleReport(), cwdUri?: string): SarifLog {
  const text = formatReport(report, 'sarif', cwdUri === undefined ? { color: false } : { color: false, cwdUri });
  return JSON.parse(text) as SarifLog;
}

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(ok).toBe(true);
}

function run(log: SarifLog): SarifLog['runs'][number] {
  const first = log.runs[0];
  if (first === undefined) throw new Error('no run');
  return first;
}

describe('sarif format', () => {
  it('validates against the official SARIF 2.1.0 schema, with and without findings', () => {
    expectValid(sarif());
    expectValid(sarif(cleanReport()));
    expectValid(sarif(sampleReport(), 'file:///home/me/my%20project'));
  });

  it('the schema check is real: it rejects broken logs', () => {
    const broken = sarif() as unknown as { version: string; runs: { results: { level: string }[] }[] };
    const badVersion = { ...broken, version: '2.0.0' };
    expect(validate(badVersion)).toBe(false);
    const badLevel = structuredClone(broken);
    const result = badLevel.runs[0]?.results[0];
    if (result !== undefined) result.level = 'fatal';
    expect(validate(badLevel)).toBe(false);
    const badUri = structuredClone(sarif());
    const location = run(badUri).results[0]?.locations[0];
    if (location !== undefined) location.physicalLocation.artifactLocation.uri = 'has space/and|pipe';
    expect(validate(badUri)).toBe(false);
  });

  it('describes the tool and every rule as GitHub code scanning expects', () => {
    const log = sarif();
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = run(log).tool;
    expect(driver).toMatchObject({ name: 'leakproof', version: '0.1.0', semanticVersion: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id).sort());
    const aws = driver.rules.find((rule) => rule.id === 'aws-access-key-id');
    expect(aws).toMatchObject({
      name: 'AwsAccessKeyId',
      shortDescription: { text: 'AWS access key ID' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'secret', 'aws', 'cloud'], 'security-severity': '9.5' },
    });
    expect(aws?.help.text).toContain('Deactivate the key in IAM');
    expect(aws?.help.markdown).toContain('Deactivate the key in IAM');
    const levels = Object.fromEntries(driver.rules.map((rule) => [rule.id, [rule.defaultConfiguration.level, rule.properties['security-severity']]]));
    expect(levels).toEqual({
      'aws-access-key-id': ['error', '9.5'],
      'github-pat': ['error', '8.0'],
      'slack-bot-token': ['warning', '5.5'],
      'generic-password': ['note', '3.0'],
    });
    expect(SECURITY_SEVERITY.info).toBe('1.0');
    // A rule without a remedy still gets help text.
    expect(driver.rules.find((rule) => rule.id === 'github-pat')?.help.text).toMatch(/revoke or rotate/);
  });

  it('writes one result per finding with rule index, level, message, region and fingerprint', () => {
    const log = sarif();
    const { results, tool } = run(log);
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
    }
    const [aws, github, slack] = results;
    expect(aws?.level).toBe('error');
    expect(aws?.message.text).toBe('AWS access key ID: AKIA…. The same secret is in 4 other places.');
    expect(aws?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/config.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 15, endLine: 12, endColumn: 35 },
    });
    expect(aws?.relatedLocations?.map((location) => location.physicalLocation.artifactLocation.uri)).toEqual([
      'b.ts',
      'c.ts',
      'docs/setup.md',
      'test/a.ts',
    ]);
    expect(aws?.relatedLocations?.map((location) => location.id)).toEqual([1, 2, 3, 4]);
    expect(aws?.relatedLocations?.[2]?.properties).toEqual({ decodedFrom: 'base64' });
    expect(github?.relatedLocations).toBeUndefined();
    expect(github?.message.text).toBe('GitHub personal access token: ghp_….');
    expect(slack?.level).toBe('warning');
    expect(slack?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('pkg.tgz!package/dist/index.js');
    expect(sampleReport().findings.map((finding) => finding.fingerprint)).toContain(aws?.partialFingerprints[FINGERPRINT_KEY]);
  });

  it('sets %SRCROOT% from cwdUri, always ending with a slash, and rejects non-file URIs', () => {
    expect(run(sarif(sampleReport(), 'file:///home/me/proj')).originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/me/proj/' } });
    expect(run(sarif(sampleReport())).originalUriBaseIds).toBeUndefined();
    expect(sourceRootUri('file:///C:/work/repo/')).toBe('file:///C:/work/repo/');
    expect(sourceRootUri('file:///tmp/with space')).toBe('file:///tmp/with%20space/');
    for (const bad of ['not a uri', 'https://example.com/repo', '/home/me/proj']) {
      let error: unknown;
      try {
        formatReport(sampleReport(), 'sarif', { color: false, cwdUri: bad });
      } catch (caught) {
        error = caught;
      }
      expect(isLeakproofError(error) && error.code === 'USAGE').toBe(true);
    }
  });

  it('encodes paths as relative URI references', () => {
    expect(pathToArtifactUri('src/a b/ü.js')).toEqual({ uri: 'src/a%20b/%C3%BC.js', relative: true });
    expect(pathToArtifactUri('pkg.tgz!package/x.js')).toEqual({ uri: 'pkg.tgz!package/x.js', relative: true });
    expect(pathToArtifactUri('c:foo/x.js').uri).toBe('c%3Afoo/x.js');
    expect(pathToArtifactUri('a?b#c%d.js').uri).toBe('a%3Fb%23c%25d.js');
    expect(pathToArtifactUri('a\\b.js').uri).toBe('a%5Cb.js');
    expect(pathToArtifactUri('-')).toEqual({ uri: '-', relative: true });
    expect(pathToArtifactUri('/srv/app/x.js')).toEqual({ uri: 'file:///srv/app/x.js', relative: false });
    expect(pathToArtifactUri('C:\\work\\x.js')).toEqual({ uri: 'file:///C:/work/x.js', relative: false });
    expect(pathToArtifactUri('bad\uD800.js').uri).toBe('bad%EF%BF%BD.js');
    expect(decodeURIComponent(pathToArtifactUri('文档/配置.env').uri)).toBe('文档/配置.env');
  });

  it('stays valid with odd paths, braces, markdown and out-of-range positions', () => {
    const finding = makeFinding({
      ruleId: 'weird rule/{0}',
      description: 'Token {0} in `code` *bold* <b>html</b> [link](http://x)',
      severity: 'low',
      secret: '{{{{SECRET}}}}FAKEFAKE',
      remedy: 'Rotate {it}\nthen _celebrate_ & <relax>',
      locations: [
        at('odd dir/\u0007bell?.js', 0, 0, { endLine: -3, endColumn: Number.NaN }),
        at('/abs/path/x.js', 2, 3),
        at('C:\\win\\y.js', 4, 5),
        at('文档/配置.env', 6, 7),
      ],
    });
    const log = sarif(makeReport([finding]), 'file:///repo');
    expectValid(log);
    const result = run(log).results[0];
    expect(result?.message.text).toBe('Token {{0}} in `code` *bold* <b>html</b> [link](http://x): {{{{{{{{…. The same secret is in 3 other places.');
    expect(result?.locations[0]?.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('odd%20dir/%07bell%3F.js');
    const rule = run(log).tool.driver.rules[0];
    expect(rule?.name).toBe('WeirdRule0');
    expect(rule?.help.markdown).toContain('\\<relax\\>');
    expect(rule?.help.markdown).toContain('{{it}}');
  });

  it('helpers: sarifText doubles braces, escapeMarkdown escapes, ruleName makes identifiers', () => {
    expect(sarifText('a {b} c')).toBe('a {{b}} c');
    expect(escapeMarkdown('*x* [y](z) <t> `c`')).toBe('\\*x\\* \\[y\\]\\(z\\) \\<t\\> \\`c\\`');
    expect(ruleName('aws-access-key-id')).toBe('AwsAccessKeyId');
    expect(ruleName('---')).toBe('---');
  });
});
