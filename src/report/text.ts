/**
 * The terminal report: one table row per finding, most severe first, and one summary line.
 */
import type { Finding, Location, ScanReport, Severity } from '../engines/secrets/types.js';
import { painter, type Paint, type Style } from './ansi.js';
import { countBySeverity, orderedLocations, SEVERITIES_DESCENDING, sortedFindings } from './common.js';
import type { FormatOptions } from './options.js';
import { displayWidth, padEnd, terminalProse, terminalSafe } from './terminal.js';

/** How many extra locations a finding lists before folding the rest into "… and N more". */
export const EXTRA_LOCATIONS_SHOWN = 3;

/** A very long path should not push every other row's description off the screen. */
const MAX_COLUMN_WIDTH = 60;
const GAP = '  ';

const SEVERITY_STYLE: Readonly<Record<Severity, readonly Style[]>> = {
  critical: ['bold', 'red'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['gray'],
};

export function formatLocation(location: Location): string {
  const place = `${terminalSafe(location.path)}:${location.line}:${location.column}`;
  return location.decodedFrom === undefined ? place : `${place} (${terminalSafe(location.decodedFrom)})`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Megabytes of 1,000,000 bytes, two decimals; a non-empty scan never reads as "0.00 MB". */
export function formatMegabytes(bytes: number): string {
  const megabytes = (bytes / 1_000_000).toFixed(2);
  return bytes > 0 && megabytes === '0.00' ? '<0.01 MB' : `${megabytes} MB`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function summaryLine(report: ScanReport, paint: Paint): string {
  const { summary } = report;
  const counts = countBySeverity(report.findings);
  const total = report.findings.length;
  const parts: string[] = [];
  if (total === 0) {
    parts.push(paint('No secrets found', 'bold'));
  } else {
    const bySeverity = SEVERITIES_DESCENDING.filter((severity) => counts[severity] > 0)
      .map((severity) => paint(`${counts[severity]} ${severity}`, ...SEVERITY_STYLE[severity]))
      .join(', ');
    parts.push(`${paint(plural(total, 'finding'), 'bold')} (${bySeverity})`);
  }
  parts.push(`${summary.suppressed} suppressed`);
  const skipped = summary.filesSkipped > 0 ? `, ${summary.filesSkipped} skipped` : '';
  parts.push(
    `scanned ${plural(summary.filesScanned, 'file')} (${formatMegabytes(summary.bytesScanned)}${skipped}) in ${formatDuration(summary.durationMs)}`,
  );
  return parts.join(' · ');
}

interface Row {
  readonly finding: Finding;
  readonly cells: readonly [severity: string, rule: string, location: string, preview: string, description: string];
}

export function formatText(report: ScanReport, options: FormatOptions): string {
  const paint = painter(options.color);
  const verbose = options.verbose === true;
  const out: string[] = [];

  const rows: Row[] = sortedFindings(report).map((finding) => ({
    finding,
    cells: [
      finding.severity.toUpperCase(),
      terminalSafe(finding.ruleId),
      formatLocation(finding.location),
      terminalSafe(finding.redacted),
      terminalProse(finding.description),
    ],
  }));

  if (rows.length > 0) {
    const header = ['SEVERITY', 'RULE', 'LOCATION', 'PREVIEW', 'DESCRIPTION'] as const;
    const widths = [0, 1, 2, 3].map((column) =>
      Math.min(
        MAX_COLUMN_WIDTH,
        Math.max(displayWidth(header[column] ?? ''), ...rows.map((row) => displayWidth(row.cells[column] ?? ''))),
      ),
    );
    const indent = ' '.repeat((widths[0] ?? 0) + (widths[1] ?? 0) + GAP.length * 2);
    const pad = (text: string, column: number): string => padEnd(text, widths[column] ?? 0);

    out.push(paint(header.map((title, column) => (column < 4 ? pad(title, column) : title)).join(GAP), 'dim'));
    for (const { finding, cells } of rows) {
      const [severity, rule, location, preview, description] = cells;
      out.push(
        [
          paint(pad(severity, 0), ...SEVERITY_STYLE[finding.severity]),
          paint(pad(rule, 1), 'bold'),
          pad(location, 2),
          paint(pad(preview, 3), 'magenta'),
          description,
        ].join(GAP),
      );
      out.push(...detailLines(finding, indent, verbose, paint));
    }
    out.push('');
  }

  if (verbose && report.summary.skipped.length > 0) {
    out.push(paint('Skipped:', 'dim'));
    for (const { path, reason } of report.summary.skipped) {
      out.push(`  ${terminalSafe(path)} ${paint(`(${terminalProse(reason)})`, 'dim')}`);
    }
    out.push('');
  }

  out.push(summaryLine(report, paint));
  return out.join('\n') + '\n';
}

function detailLines(finding: Finding, indent: string, verbose: boolean, paint: Paint): string[] {
  const lines: string[] = [];
  const [first, ...others] = orderedLocations(finding);
  if (verbose && first?.context !== undefined) lines.push(indent + paint(formatContext(first), 'dim'));
  if (others.length > 0) {
    const shown = verbose ? others : others.slice(0, EXTRA_LOCATIONS_SHOWN);
    lines.push(indent + paint(`seen in ${plural(others.length + 1, 'place')}:`, 'dim'));
    for (const location of shown) {
      const context = verbose && location.context !== undefined ? ' ' + paint(formatContext(location), 'dim') : '';
      lines.push(`${indent}  ${formatLocation(location)}${context}`);
    }
    const hidden = others.length - shown.length;
    if (hidden > 0) lines.push(indent + paint(`  … and ${hidden} more`, 'dim'));
  }
  if (verbose && finding.remedy !== undefined && finding.remedy.trim() !== '') {
    lines.push(indent + paint('remedy: ', 'dim') + terminalProse(finding.remedy));
  }
  return lines;
}

function formatContext(location: Location): string {
  const entries = Object.entries(location.context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([key, value]) => `${terminalSafe(key)}=${terminalProse(value)}`).join(' ');
}
