import { describe, expect, it } from 'vitest';
import { stripAnsi } from '../../src/report/ansi.js';
import { formatReport } from '../../src/report/index.js';
import { EXTRA_LOCATIONS_SHOWN, formatDuration, formatMegabytes } from '../../src/report/text.js';
import { displayWidth, terminalSafe } from '../../src/report/terminal.js';
import { at, cleanReport, makeFinding, makeReport, RULES, sampleReport, SECRETS } from './fixtures.js';

const ESC = '\u001b';

function lines(text: string): string[] {
  return text.split('\n');
}

describe('text format', () => {
  it('has a header, one row per finding (most severe first) and a summary line', () => {
    const out = formatReport(sampleReport(), 'text', { color: false });
    const rows = lines(out);
    expect(rows[0]).toMatch(/^SEVERITY\s+RULE\s+LOCATION\s+PREVIEW\s+DESCRIPTION$/);
    const findingRows = rows.filter((row) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO) /.test(row));
    expect(findingRows.map((row) => row.split(/\s+/)[0])).toEqual(['CRITICAL', 'HIGH', 'MEDIUM']);
    expect(findingRows[0]).toMatch(/^CRITICAL\s+aws-access-key-id\s+src\/config\.ts:12:15\s+AKIA…\s+AWS access key ID$/);
    expect(findingRows[2]).toContain('pkg.tgz!package/dist/index.js:1:4051');
    expect(out.endsWith('\n')).toBe(true);
    expect(rows.at(-2)).toBe(
      '3 findings (1 critical, 1 high, 1 medium) · 2 suppressed · scanned 12 files (0.35 MB, 1 skipped) in 123 ms',
    );
  });

  it('aligns columns: every finding row starts its location at the same column', () => {
    const out = formatReport(sampleReport(), 'text', { color: false });
    const rows = lines(out).filter((row) => /^(CRITICAL|HIGH|MEDIUM) /.test(row));
    const starts = rows.map((row) => row.search(/\S+:\d+:\d+/));
    expect(new Set(starts).size).toBe(1);
    expect(lines(out)[0]?.indexOf('LOCATION')).toBe(starts[0]);
  });

  it('sorts by severity, then path, then line', () => {
    const secret = 'zzzzSECRETzzzzFAKE';
    const report = makeReport([
      makeFinding({ ruleId: 'r', description: 'd', severity: 'low', secret, locations: [at('a.js', 1, 1)] }),
      makeFinding({ ruleId: 'r', description: 'd', severity: 'high', secret, locations: [at('b.js', 9, 1)] }),
      makeFinding({ ruleId: 'r', description: 'd', severity: 'high', secret, locations: [at('b.js', 2, 1)] }),
      makeFinding({ ruleId: 'r', description: 'd', severity: 'high', secret, locations: [at('a.js', 5, 1)] }),
    ]);
    const places = lines(formatReport(report, 'text', { color: false }))
      .filter((row) => /^(HIGH|LOW) /.test(row))
      .map((row) => /\S+:\d+:\d+/.exec(row)?.[0]);
    expect(places).toEqual(['a.js:5:1', 'b.js:2:1', 'b.js:9:1', 'a.js:1:1']);
  });

  it('shows the count and the first few extra locations, all of them when verbose', () => {
    const quiet = formatReport(sampleReport(), 'text', { color: false });
    expect(quiet).toContain('seen in 5 places:');
    expect(quiet).toContain(`… and ${4 - EXTRA_LOCATIONS_SHOWN} more`);
    expect(quiet).toContain('docs/setup.md:40:7 (base64)');
    expect(quiet).not.toContain('test/a.ts:3:1');
    expect(quiet).not.toContain('remedy:');

    const verbose = formatReport(sampleReport(), 'text', { color: false, verbose: true });
    expect(verbose).toContain('test/a.ts:3:1');
    expect(verbose).not.toContain('more');
    expect(verbose).toContain('remedy: Deactivate the key in IAM');
    expect(verbose).toContain('c.ts:9:2 author=dev commit=0123abcd');
    expect(verbose).toContain('Skipped:\n  assets/logo.png (binary)');
  });

  it('says so when nothing was found', () => {
    const out = formatReport(cleanReport(), 'text', { color: false });
    expect(out).toBe('No secrets found · 0 suppressed · scanned 3 files (<0.01 MB) in 5 ms\n');
  });

  it('writes no escape codes when color is false (NO_COLOR, pipes)', () => {
    for (const verbose of [false, true]) {
      expect(formatReport(sampleReport(), 'text', { color: false, verbose })).not.toContain(ESC);
      expect(formatReport(cleanReport(), 'text', { color: false, verbose })).not.toContain(ESC);
    }
  });

  it('colours severities when color is true, and the text underneath is unchanged', () => {
    const plain = formatReport(sampleReport(), 'text', { color: false, verbose: true });
    const coloured = formatReport(sampleReport(), 'text', { color: true, verbose: true });
    expect(coloured).toContain(`${ESC}[1m${ESC}[31mCRITICAL`);
    expect(coloured).toContain(`${ESC}[31mHIGH`);
    expect(coloured).toContain(`${ESC}[33mMEDIUM`);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('neutralises terminal escapes and bidi overrides in paths, previews and descriptions', () => {
    const finding = makeFinding({
      ruleId: 'evil\u001b[2Jrule',
      description: 'line one\nline two\u001b]0;title\u0007',
      severity: 'high',
      secret: '\u001b[31mREDREDREDRED',
      locations: [at('src/\u202etxt.exe\u001b[1A.js', 1, 1)],
    });
    const out = formatReport(makeReport([finding]), 'text', { color: false, verbose: true });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u202e');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('src/\\u202etxt.exe\\x1b[1A.js:1:1');
    expect(out).toContain('line one line two\\x1b]0;title\\x07');
    expect(out).toContain('\\x1b[31…');
    // Every finding is exactly one table row: a newline in a description cannot fake another.
    expect(lines(out).filter((row) => row.startsWith('HIGH')).length).toBe(1);
  });

  it('keeps unicode paths intact and aligned by display width', () => {
    const secret = SECRETS.github;
    const report = makeReport(
      [
        makeFinding({ ruleId: 'github-pat', description: 'GitHub token', severity: 'high', secret, locations: [at('文档/配置.env', 3, 1)] }),
        makeFinding({ ruleId: 'github-pat', description: 'GitHub token', severity: 'high', secret, locations: [at('zz/ça va/é.txt', 1, 2)] }),
      ],
      RULES,
    );
    const out = formatReport(report, 'text', { color: false });
    expect(out).toContain('文档/配置.env:3:1');
    expect(out).toContain('zz/ça va/é.txt:1:2');
    const rows = lines(out).filter((row) => row.startsWith('HIGH'));
    const previewColumns = rows.map((row) => displayWidth(row.slice(0, row.indexOf('ghp_'))));
    expect(previewColumns[0]).toBe(previewColumns[1]);
  });

  it('formats sizes and durations', () => {
    expect(formatMegabytes(0)).toBe('0.00 MB');
    expect(formatMegabytes(1)).toBe('<0.01 MB');
    expect(formatMegabytes(12_345_678)).toBe('12.35 MB');
    expect(formatDuration(0.4)).toBe('0 ms');
    expect(formatDuration(999)).toBe('999 ms');
    expect(formatDuration(61_234)).toBe('61.23 s');
  });

  it('terminalSafe leaves ordinary text alone and replaces lone surrogates', () => {
    expect(terminalSafe('src/ok-file_1.ts')).toBe('src/ok-file_1.ts');
    expect(terminalSafe('a\uD800b')).toBe('a\uFFFDb');
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('配置')).toBe(4);
  });
});
