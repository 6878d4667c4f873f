/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
 * See docs/report-format.md for the mapping and the choices made.
 */
import { LeakproofError } from '../errors.js';
import type { Finding, Location, RuleInfo, ScanReport, Severity } from '../engines/secrets/types.js';
import { orderedLocations, positive, ruleCatalogue, sortedFindings } from './common.js';
import type { FormatOptions } from './options.js';
import { pathToArtifactUri } from './uri.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const SRCROOT = '%SRCROOT%';
export const FINGERPRINT_KEY = 'leakproofFingerprint/v1';
export const INFORMATION_URI = 'https://www.npmjs.com/package/leakproof';

export type SarifLevel = 'error' | 'warning' | 'note';

/** GitHub ranks security alerts by this CVSS-like score; it must be a string holding a number. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export const SARIF_LEVEL: Readonly<Record<Severity, SarifLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

const DEFAULT_REMEDY =
  'Treat the secret as compromised: revoke or rotate it with its issuer, remove it from the code and its history, and load it from a secret store or the environment instead.';

/**
 * SARIF messages treat `{n}` as a placeholder, so literal braces must be doubled
 * (SARIF 2.1.0 §3.11.5) or a description such as `{"key": …}` would be mangled.
 */
export function sarifText(text: string): string {
  return text.replace(/[{}]/g, (brace) => brace + brace);
}

/** Backslash-escapes every ASCII punctuation character CommonMark could interpret. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#+\-.!|<>~&]/g, (char) => `\\${char}`).replace(/\r?\n/g, '  \n');
}

/** `aws-access-key-id` -> `AwsAccessKeyId`: SARIF wants a readable identifier as the rule name. */
export function ruleName(id: string): string {
  const name = id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
  return name === '' ? id : name;
}

function sarifRule(rule: RuleInfo): Record<string, unknown> {
  const remedy = rule.remedy !== undefined && rule.remedy.trim() !== '' ? rule.remedy : DEFAULT_REMEDY;
  // SARIF property-bag tags must be unique (uniqueItems in the schema).
  const tags = [...new Set(['security', 'secret', ...(rule.tags ?? [])])];
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: sarifText(rule.description) },
    fullDescription: { text: sarifText(`${rule.description} (${rule.severity} severity).`) },
    help: {
      text: sarifText(`${rule.description}\n\n${remedy}`),
      markdown: sarifText(`**${escapeMarkdown(rule.description)}**\n\n${escapeMarkdown(remedy)}`),
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags,
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function physicalLocation(location: Location): Record<string, unknown> {
  const { uri, relative } = pathToArtifactUri(location.path);
  const startLine = positive(location.line);
  const startColumn = positive(location.column);
  const endLine = Math.max(startLine, positive(location.endLine));
  const endColumn = endLine === startLine ? Math.max(startColumn, positive(location.endColumn)) : positive(location.endColumn);
  return {
    artifactLocation: relative ? { uri, uriBaseId: SRCROOT } : { uri },
    region: { startLine, startColumn, endLine, endColumn },
  };
}

function locationProperties(location: Location): Record<string, unknown> | undefined {
  const properties: Record<string, unknown> = {};
  if (location.decodedFrom !== undefined) properties['decodedFrom'] = location.decodedFrom;
  if (location.context !== undefined) properties['context'] = { ...location.context };
  return Object.keys(properties).length > 0 ? properties : undefined;
}

function sarifResult(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const [first, ...others] = orderedLocations(finding);
  const primary = first ?? finding.location;
  const elsewhere =
    others.length === 0 ? '' : ` The same secret is in ${others.length} other place${others.length === 1 ? '' : 's'}.`;
  const primaryProperties = locationProperties(primary);
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[finding.severity],
    message: { text: sarifText(`${finding.description}: ${finding.redacted}.${elsewhere}`) },
    locations: [
      { physicalLocation: physicalLocation(primary), ...(primaryProperties === undefined ? {} : { properties: primaryProperties }) },
    ],
    ...(others.length === 0
      ? {}
      : {
          relatedLocations: others.map((location, index) => {
            const properties = locationProperties(location);
            return {
              id: index + 1,
              physicalLocation: physicalLocation(location),
              message: { text: sarifText(`The same secret (${finding.redacted}) is also here.`) },
              ...(properties === undefined ? {} : { properties }),
            };
          }),
        }),
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      severity: finding.severity,
      redacted: finding.redacted,
      locationCount: others.length + 1,
      ...(finding.tags === undefined ? {} : { tags: [...new Set(finding.tags)] }),
    },
  };
}

/** `%SRCROOT%` must be an absolute URI ending in `/` (SARIF §3.14.14). */
export function sourceRootUri(cwdUri: string): string {
  let url: URL;
  try {
    url = new URL(cwdUri);
  } catch {
    throw new LeakproofError('USAGE', `the scan root for SARIF must be an absolute file:// URI, got ${JSON.stringify(cwdUri)}`);
  }
  if (url.protocol !== 'file:') {
    throw new LeakproofError('USAGE', `the scan root for SARIF must be a file:// URI, got ${JSON.stringify(cwdUri)}`);
  }
  url.search = '';
  url.hash = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

export function toSarifLog(report: ScanReport, options: FormatOptions): Record<string, unknown> {
  const rules = ruleCatalogue(report);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = sortedFindings(report).map((finding) => sarifResult(finding, ruleIndex.get(finding.ruleId) ?? 0));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: 'leakproof',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: rules.map(sarifRule),
          },
        },
        ...(options.cwdUri === undefined ? {} : { originalUriBaseIds: { [SRCROOT]: { uri: sourceRootUri(options.cwdUri) } } }),
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          filesScanned: report.summary.filesScanned,
          bytesScanned: report.summary.bytesScanned,
          filesSkipped: report.summary.filesSkipped,
          suppressed: report.summary.suppressed,
          durationMs: report.summary.durationMs,
        },
      },
    ],
  };
}

export function formatSarif(report: ScanReport, options: FormatOptions): string {
  return JSON.stringify(toSarifLog(report, options), null, 2) + '\n';
}
