/**
 * The machine-readable report. Its shape is `schema/leakproof.report.schema.json`, documented in
 * docs/report-format.md. Bump `schemaVersion`'s major on any change that can break a reader
 * (a renamed or removed field, a changed meaning); adding an optional field is a minor bump.
 */
import type { Finding, Location, RuleInfo, ScanReport, Severity } from '../engines/secrets/types.js';
import { countBySeverity, orderedLocations, ruleCatalogue, sortedFindings, type SeverityCounts } from './common.js';
import { locationFingerprint } from './fingerprint.js';

export const JSON_SCHEMA_VERSION = '1.0.0';

export interface JsonLocation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly decodedFrom?: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly fingerprint: string;
}

export interface JsonFinding {
  readonly ruleId: string;
  readonly description: string;
  readonly severity: Severity;
  readonly redacted: string;
  readonly secretHash: string;
  readonly fingerprint: string;
  readonly location: JsonLocation;
  readonly locations: readonly JsonLocation[];
  readonly remedy?: string;
  readonly tags?: readonly string[];
}

export interface JsonReport {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly tool: { readonly name: 'leakproof'; readonly version: string };
  readonly summary: {
    readonly filesScanned: number;
    readonly bytesScanned: number;
    readonly filesSkipped: number;
    readonly skipped: readonly { readonly path: string; readonly reason: string }[];
    readonly suppressed: number;
    readonly durationMs: number;
    readonly findings: number;
    readonly bySeverity: SeverityCounts;
  };
  readonly findings: readonly JsonFinding[];
  readonly rules: readonly RuleInfo[];
}

function jsonLocation(finding: Finding, location: Location): JsonLocation {
  return {
    path: location.path,
    line: location.line,
    column: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
    ...(location.decodedFrom === undefined ? {} : { decodedFrom: location.decodedFrom }),
    ...(location.context === undefined ? {} : { context: { ...location.context } }),
    fingerprint: locationFingerprint(finding.ruleId, location.path, finding.secretHash),
  };
}

function jsonFinding(finding: Finding): JsonFinding {
  return {
    ruleId: finding.ruleId,
    description: finding.description,
    severity: finding.severity,
    redacted: finding.redacted,
    secretHash: finding.secretHash,
    fingerprint: finding.fingerprint,
    location: jsonLocation(finding, finding.location),
    locations: orderedLocations(finding).map((location) => jsonLocation(finding, location)),
    ...(finding.remedy === undefined ? {} : { remedy: finding.remedy }),
    ...(finding.tags === undefined ? {} : { tags: [...finding.tags] }),
  };
}

function jsonRule(rule: RuleInfo): RuleInfo {
  // Copied field by field so nothing beyond the documented fields (a `validate` function,
  // a pattern, examples that may hold sample secrets) can reach the report.
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    ...(rule.remedy === undefined ? {} : { remedy: rule.remedy }),
    ...(rule.tags === undefined ? {} : { tags: [...rule.tags] }),
  };
}

export function toJsonReport(report: ScanReport): JsonReport {
  const { summary } = report;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: 'leakproof', version: report.tool.version },
    summary: {
      filesScanned: summary.filesScanned,
      bytesScanned: summary.bytesScanned,
      filesSkipped: summary.filesSkipped,
      skipped: summary.skipped.map(({ path, reason }) => ({ path, reason })),
      suppressed: summary.suppressed,
      durationMs: summary.durationMs,
      findings: report.findings.length,
      bySeverity: countBySeverity(report.findings),
    },
    findings: sortedFindings(report).map(jsonFinding),
    rules: ruleCatalogue(report).map(jsonRule),
  };
}

export function formatJson(report: ScanReport): string {
  return JSON.stringify(toJsonReport(report), null, 2) + '\n';
}
