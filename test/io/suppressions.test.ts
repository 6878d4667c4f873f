import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Location, ScanReport } from '../../src/engines/secrets/types.js';
import { LeakproofError } from '../../src/errors.js';
import { locationFingerprint } from '../../src/report/fingerprint.js';
import { toJsonReport } from '../../src/report/json.js';
import { loadBaseline, loadIgnoreFile, parseBaseline, parseIgnoreFile } from '../../src/io/suppressions.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leakproof-suppress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function rejection(promise: Promise<unknown>): Promise<LeakproofError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LeakproofError);
    return error as LeakproofError;
  }
  throw new Error('expected a LeakproofError');
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const FP1 = sha('one');
const FP2 = sha('two');

describe('.leakproofignore', () => {
  it('reads fingerprints, comments, blank lines and notes', async () => {
    const file = await write(
      '.leakproofignore',
      `\uFEFF# accepted findings\n\n${FP1}\r\n  ${FP2.toUpperCase()}  # revoked 2024-05-01, see INC-42\n${sha('three')}#tight note\n`,
    );
    const ignore = await loadIgnoreFile(dir);
    expect(ignore.source).toBe(file);
    expect([...ignore.fingerprints]).toEqual([FP1, FP2, sha('three')]);
    expect(ignore.notes.get(FP2)).toBe('revoked 2024-05-01, see INC-42');
    expect(ignore.notes.get(sha('three'))).toBe('tight note');
    expect(ignore.notes.has(FP1)).toBe(false);
  });

  it('is empty, with source null, when the scan root has none', async () => {
    const ignore = await loadIgnoreFile(dir);
    expect(ignore.source).toBeNull();
    expect(ignore.fingerprints.size).toBe(0);
  });

  it('reads --ignore-file relative to the scan root, and requires it to exist', async () => {
    const file = await write('config/ignore.txt', `${FP1}\n`);
    const ignore = await loadIgnoreFile(dir, 'config/ignore.txt');
    expect(ignore.source).toBe(file);
    expect([...ignore.fingerprints]).toEqual([FP1]);
    const error = await rejection(loadIgnoreFile(dir, 'missing.txt'));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.oneLine()).toContain('missing.txt');
  });

  it('refuses a directory given as --ignore-file', async () => {
    await mkdir(join(dir, 'ignores'));
    const error = await rejection(loadIgnoreFile(dir, 'ignores'));
    expect(error.code).toBe('INPUT_UNREADABLE');
    expect(error.oneLine()).toBe('ignores: not a regular file');
  });

  it('names every invalid line by number and never quotes it', async () => {
    await write('.leakproofignore', `${FP1}\nAKIAZZZZZZZZZZZZZZZZ\n# fine\n${FP1.slice(0, 63)}\n${FP2} trailing words\n`);
    const error = await rejection(loadIgnoreFile(dir));
    expect(error.code).toBe('IGNORE_FILE_INVALID');
    expect(error.where).toBe('.leakproofignore');
    expect(error.oneLine()).toBe(
      ".leakproofignore: line 2, line 4, line 5: expected a finding fingerprint (64 hex characters), optionally followed by '# note'",
    );
    expect(error.oneLine()).not.toContain('AKIA');
  });

  it('caps the list of bad lines', () => {
    let error: unknown;
    try {
      parseIgnoreFile(Array.from({ length: 25 }, () => 'password123').join('\n'), 'x');
    } catch (caught) {
      error = caught;
    }
    expect((error as LeakproofError).code).toBe('IGNORE_FILE_INVALID');
    expect((error as LeakproofError).message).toMatch(/^line 1, .*, line 10 and 15 more lines: /);
  });

  it('round-trips any set of fingerprints with any notes (property)', () => {
    const fingerprint = fc.stringMatching(/^[0-9a-f]{64}$/);
    const note = fc.option(fc.string().map((s) => s.replace(/[\r\n]/g, ' ')), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(fingerprint, note, fc.boolean())), (entries) => {
        const text = entries
          .map(([fp, n, upper]) => `${upper ? fp.toUpperCase() : fp}${n === undefined ? '' : `  # ${n}`}`)
          .join('\n');
        const parsed = parseIgnoreFile(text, 'x');
        expect(parsed.fingerprints).toEqual(new Set(entries.map(([fp]) => fp)));
      }),
    );
  });
});

describe('baselines', () => {
  function location(path: string, line: number): Location {
    return { path, line, column: 1, endLine: line, endColumn: 20 };
  }

  function finding(ruleId: string, secret: string, locations: Location[]): Finding {
    const secretHash = sha(secret);
    const first = locations[0] as Location;
    return {
      ruleId,
      description: 'test finding',
      severity: 'high',
      redacted: `${secret.slice(0, 4)}…`,
      secretHash,
      fingerprint: locationFingerprint(ruleId, first.path, secretHash),
      location: first,
      locations,
    };
  }

  it('reads every finding and location fingerprint of a real JSON report', async () => {
    const a = finding('acme-key', 'acme_abcdefgh', [location('src/a.js', 3), location('src/b.js', 9)]);
    const b = finding('other-key', 'other_12345678', [location('pkg.tgz!package/x.js', 1)]);
    const report: ScanReport = {
      tool: { name: 'leakproof', version: '0.1.0' },
      findings: [a, b],
      summary: { filesScanned: 3, bytesScanned: 100, filesSkipped: 0, skipped: [], suppressed: 0, durationMs: 1 },
      rules: [],
    };
    const file = await write('baseline.json', JSON.stringify(toJsonReport(report), null, 2));
    const baseline = await loadBaseline(file);
    expect(baseline).toEqual(
      new Set([a.fingerprint, locationFingerprint('acme-key', 'src/b.js', a.secretHash), b.fingerprint]),
    );
    expect(await loadBaseline('baseline.json', dir)).toEqual(baseline);
  });

  it('accepts an empty report', () => {
    expect(parseBaseline('{"findings": []}', 'b.json').size).toBe(0);
  });

  it.each([
    ['not JSON', '{"findings": [', 'not valid JSON'],
    ['an array', '[]', 'findings: missing'],
    ['a SARIF log', '{"version": "2.1.0", "runs": []}', 'findings: missing'],
    ['another tool', '{"tool": {"name": "gitleaks"}, "findings": []}', 'tool.name: not a leakproof report'],
    ['a future major version', '{"schemaVersion": "2.0.0", "findings": []}', 'schemaVersion: unsupported version "2.0.0"'],
    ['a finding that is not an object', '{"findings": [3]}', 'findings[0]: expected an object'],
    ['a missing fingerprint', '{"findings": [{"ruleId": "x"}]}', 'findings[0].fingerprint: expected a 64-character hex fingerprint'],
    ['a short fingerprint', `{"findings": [{"fingerprint": "${FP1.slice(1)}"}]}`, 'findings[0].fingerprint: expected'],
    ['locations that are not a list', `{"findings": [{"fingerprint": "${FP1}", "locations": {}}]}`, 'findings[0].locations: expected a list'],
    [
      'a bad location fingerprint',
      `{"findings": [{"fingerprint": "${FP1}", "locations": [{"fingerprint": "${FP2}"}, {"fingerprint": 7}]}]}`,
      'findings[0].locations[1].fingerprint: expected a 64-character hex fingerprint',
    ],
  ])('refuses %s as BASELINE_INVALID, naming the file and the JSON path', async (_what, text, expected) => {
    const file = await write('baseline.json', text);
    const error = await rejection(loadBaseline(file));
    expect(error.code).toBe('BASELINE_INVALID');
    expect(error.where).toBe(file);
    expect(error.oneLine()).toContain(`${file}: `);
    expect(error.message).toContain(expected);
  });

  it('reports a missing baseline as INPUT_NOT_FOUND', async () => {
    const error = await rejection(loadBaseline('nope.json', dir));
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.oneLine()).toContain('nope.json');
  });
});
