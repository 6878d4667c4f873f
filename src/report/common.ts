/**
 * Helpers every formatter shares: one finding order, one rule catalogue, one way to count.
 * Keeping them here means the four formats always agree on what the report contains.
 */
import type { Finding, Location, RuleInfo, ScanReport, Severity } from '../engines/secrets/types.js';
import { SEVERITIES, severityRank } from '../engines/secrets/types.js';

/** Most severe first, which is the order people read a report in. */
export const SEVERITIES_DESCENDING: readonly Severity[] = [...SEVERITIES].reverse();

function compareText(a: string, b: string): number {
  // Code unit order, not localeCompare: the result must not depend on the machine's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareLocations(a: Location, b: Location): number {
  return compareText(a.path, b.path) || a.line - b.line || a.column - b.column;
}

/**
 * Severity (most severe first), then path, line, column, rule id and fingerprint.
 * The fingerprint breaks the last ties so the order is total and output is reproducible
 * whatever order a parallel scan produced the findings in.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareLocations(a.location, b.location) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function sortedFindings(report: ScanReport): Finding[] {
  return [...report.findings].sort(compareFindings);
}

/** The first location, then the others in path/line order, without repeating the first. */
export function orderedLocations(finding: Finding): Location[] {
  const others = finding.locations.filter((location) => location !== finding.location && !sameLocation(location, finding.location));
  return [finding.location, ...others.sort(compareLocations)];
}

function sameLocation(a: Location, b: Location): boolean {
  return (
    a.path === b.path &&
    Object.is(a.line, b.line) &&
    Object.is(a.column, b.column) &&
    Object.is(a.endLine, b.endLine) &&
    Object.is(a.endColumn, b.endColumn) &&
    a.decodedFrom === b.decodedFrom
  );
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { info: 0, low: 0, medium: 0, high: 0, critical: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/**
 * The rules of the report, plus any rule a finding names that the report's rule list lacks
 * (described from the finding), sorted by id. SARIF needs every result's rule in the list.
 */
export function ruleCatalogue(report: ScanReport): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of report.rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  for (const finding of report.findings) {
    if (byId.has(finding.ruleId)) continue;
    byId.set(finding.ruleId, {
      id: finding.ruleId,
      description: finding.description,
      severity: finding.severity,
      ...(finding.remedy === undefined ? {} : { remedy: finding.remedy }),
      ...(finding.tags === undefined ? {} : { tags: finding.tags }),
    });
  }
  return [...byId.values()].sort((a, b) => compareText(a.id, b.id));
}

/**
 * Replaces unpaired UTF-16 surrogates with U+FFFD. A lone surrogate cannot be encoded as UTF-8,
 * so it would make XML ill-formed and URI encoding throw. (String#toWellFormed is Node 20+ but
 * not in this project's TypeScript lib.)
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A line/column as SARIF and editors need them: a whole number, at least 1. */
export function positive(value: number): number {
  return Number.isFinite(value) && value >= 1 ? Math.trunc(value) : 1;
}
