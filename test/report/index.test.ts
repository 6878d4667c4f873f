import { describe, expect, it } from 'vitest';
import { isLeakproofError } from '../../src/errors.js';
import { formatReport, FORMATS, parseFormat, type FormatName } from '../../src/report/index.js';
import { sampleReport } from './fixtures.js';

function usageError(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isLeakproofError(error) ? error.code : 'not a LeakproofError';
  }
  return undefined;
}

describe('report index', () => {
  it('lists the four formats', () => {
    expect(FORMATS).toEqual(['text', 'json', 'sarif', 'junit']);
  });

  it('parseFormat accepts known names (any case, padded) and rejects others with USAGE', () => {
    for (const name of FORMATS) expect(parseFormat(name)).toBe(name);
    expect(parseFormat(' SARIF ')).toBe('sarif');
    for (const bad of ['', 'xml', 'html', 'json5', 'text\u001b[31m']) {
      expect(usageError(() => parseFormat(bad))).toBe('USAGE');
    }
  });

  it('the USAGE message is one line and names the valid formats', () => {
    try {
      parseFormat('bad\nformat');
    } catch (error) {
      expect(isLeakproofError(error)).toBe(true);
      if (!isLeakproofError(error)) return;
      expect(error.oneLine()).not.toContain('\n');
      expect(error.message).toContain('text, json, sarif, junit');
    }
  });

  it('formatReport dispatches to each format and always ends with a newline', () => {
    const report = sampleReport();
    const outputs = Object.fromEntries(FORMATS.map((format) => [format, formatReport(report, format, { color: false })]));
    expect(outputs['text']).toMatch(/^SEVERITY/);
    expect(JSON.parse(outputs['json'] ?? '')).toHaveProperty('schemaVersion');
    expect(JSON.parse(outputs['sarif'] ?? '')).toHaveProperty('version', '2.1.0');
    expect(outputs['junit']).toMatch(/^<\?xml/);
    for (const output of Object.values(outputs)) expect(output.endsWith('\n')).toBe(true);
  });

  it('an unknown format from an untyped caller is a USAGE error, not a crash', () => {
    expect(usageError(() => formatReport(sampleReport(), 'yaml' as FormatName, { color: false }))).toBe('USAGE');
  });

  it('output is deterministic whatever order the findings arrive in', () => {
    const report = sampleReport();
    const reversed = { ...report, findings: [...report.findings].reverse(), rules: [...report.rules].reverse() };
    for (const format of FORMATS) {
      expect(formatReport(reversed, format, { color: false })).toBe(formatReport(report, format, { color: false }));
    }
  });
});
