/**
 * JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, CircleCI).
 * Each finding is one failed test case; a clean scan is one passing test case, so the report
 * is never empty (some CI systems treat an empty report as an error).
 */
import type { Finding, ScanReport } from '../engines/secrets/types.js';
import { orderedLocations, sortedFindings } from './common.js';
import { escapeXmlText, xmlAttributes } from './xml.js';

const SUITE_NAME = 'leakproof';

function place(path: string, line: number, column: number): string {
  return `${path}:${line}:${column}`;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function failureBody(finding: Finding): string {
  const locations = orderedLocations(finding);
  const lines = [
    `Rule: ${finding.ruleId}`,
    `Severity: ${finding.severity}`,
    `Secret: ${finding.redacted}`,
    `Fingerprint: ${finding.fingerprint}`,
    `Locations (${locations.length}):`,
    ...locations.map(
      (location) =>
        `  ${place(location.path, location.line, location.column)}${location.decodedFrom === undefined ? '' : ` (${location.decodedFrom})`}`,
    ),
  ];
  if (finding.remedy !== undefined && finding.remedy.trim() !== '') lines.push(`Remedy: ${finding.remedy}`);
  return lines.join('\n');
}

function testCase(finding: Finding): string {
  const { location } = finding;
  const attributes = xmlAttributes({
    classname: `${SUITE_NAME}.${finding.ruleId}`,
    name: `[${finding.severity}] ${place(location.path, location.line, location.column)}`,
    file: location.path,
    line: location.line,
    time: '0',
  });
  const failure = xmlAttributes({
    message: `${finding.description}: ${finding.redacted}`,
    type: finding.ruleId,
  });
  return `    <testcase${attributes}>\n      <failure${failure}>${escapeXmlText(failureBody(finding))}</failure>\n    </testcase>`;
}

export function formatJunit(report: ScanReport): string {
  const findings = sortedFindings(report);
  const { summary } = report;
  const time = seconds(summary.durationMs);
  const tests = Math.max(1, findings.length);
  const counts = { tests, failures: findings.length, errors: 0, skipped: 0, time };
  const properties: Record<string, string | number> = {
    'leakproof.version': report.tool.version,
    filesScanned: summary.filesScanned,
    bytesScanned: summary.bytesScanned,
    filesSkipped: summary.filesSkipped,
    suppressed: summary.suppressed,
  };
  const cases =
    findings.length === 0
      ? [`    <testcase${xmlAttributes({ classname: SUITE_NAME, name: 'no secrets found', time })}/>`]
      : findings.map(testCase);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: SUITE_NAME, ...counts })}>`,
    `  <testsuite${xmlAttributes({ name: `${SUITE_NAME} secret scan`, ...counts })}>`,
    '    <properties>',
    ...Object.entries(properties).map(([name, value]) => `      <property${xmlAttributes({ name, value })}/>`),
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
