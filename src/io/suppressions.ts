/**
 * Suppressions: the `.leakproofignore` file and baselines.
 *
 * Both work on finding fingerprints, sha256(ruleId + ':' + path + ':' + secretHash) in hex
 * (src/report/fingerprint.ts). A fingerprint names a secret in a file without holding it, so these
 * files are safe to commit. Error messages never quote a line of either file: someone may have
 * pasted the secret itself there by mistake.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LeakproofError } from '../errors.js';
import { shownPath } from './paths.js';

export const IGNORE_FILE_NAME = '.leakproofignore';

const FINGERPRINT = /^[0-9a-f]{64}$/i;
const IGNORE_LINE = /^([0-9a-f]{64})(?:\s*#(.*))?$/i;
/** More than this many bad lines means the wrong file; listing them all would not help. */
const MAX_REPORTED_LINES = 10;

export interface IgnoreFile {
  /** Lowercase hex fingerprints. */
  readonly fingerprints: ReadonlySet<string>;
  /** The `# note` written after a fingerprint, when there is one. */
  readonly notes: ReadonlyMap<string, string>;
  /** Absolute path of the file, or null when there is none. */
  readonly source: string | null;
}


async function readText(file: string, where: string, missing: 'error' | 'absent'): Promise<string | undefined> {
  try {
    if (!(await stat(file)).isFile()) throw new LeakproofError('INPUT_UNREADABLE', 'not a regular file', { where });
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof LeakproofError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (missing === 'absent') return undefined;
      throw new LeakproofError('INPUT_NOT_FOUND', 'file not found', { where, cause: error });
    }
    throw new LeakproofError('INPUT_UNREADABLE', `cannot read file: ${code ?? 'error'}`, { where, cause: error });
  }
}

/** Parses `.leakproofignore` text: one fingerprint per line, `#` comments, blank lines. */
export function parseIgnoreFile(text: string, where: string): { fingerprints: Set<string>; notes: Map<string, string> } {
  const fingerprints = new Set<string>();
  const notes = new Map<string, string>();
  const bad: number[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((rawLine, index) => {
      const line = rawLine.trim();
      if (line === '' || line.startsWith('#')) return;
      const m = IGNORE_LINE.exec(line);
      if (m === null) {
        bad.push(index + 1);
        return;
      }
      const fingerprint = (m[1] ?? '').toLowerCase();
      fingerprints.add(fingerprint);
      const note = m[2]?.trim();
      if (note !== undefined && note !== '') notes.set(fingerprint, note);
    });
  if (bad.length > 0) {
    const shown = bad.slice(0, MAX_REPORTED_LINES).map((n) => `line ${n}`);
    const more = bad.length > MAX_REPORTED_LINES ? ` and ${bad.length - MAX_REPORTED_LINES} more lines` : '';
    throw new LeakproofError(
      'IGNORE_FILE_INVALID',
      `${shown.join(', ')}${more}: expected a finding fingerprint (64 hex characters), optionally followed by '# note'`,
      { where },
    );
  }
  return { fingerprints, notes };
}

/**
 * Loads the ignore file: `explicitPath` (--ignore-file, relative to cwd; must exist), else
 * `.leakproofignore` in cwd when present, else an empty set.
 */
export async function loadIgnoreFile(cwd: string, explicitPath?: string): Promise<IgnoreFile> {
  const file = resolve(cwd, explicitPath ?? IGNORE_FILE_NAME);
  const where = explicitPath ?? shownPath(cwd, file);
  const text = await readText(file, where, explicitPath === undefined ? 'absent' : 'error');
  if (text === undefined) return { fingerprints: new Set(), notes: new Map(), source: null };
  return { ...parseIgnoreFile(text, where), source: file };
}

function baselineError(where: string, message: string, cause?: unknown): LeakproofError {
  return new LeakproofError('BASELINE_INVALID', message, cause === undefined ? { where } : { where, cause });
}

function fingerprintAt(value: unknown, path: string, where: string, required: boolean, into: Set<string>): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || !FINGERPRINT.test(value)) {
    throw baselineError(where, `${path}: expected a 64-character hex fingerprint`);
  }
  into.add(value.toLowerCase());
}

/**
 * The fingerprints of a leakproof JSON report used as a baseline: each finding's fingerprint and
 * the fingerprint of each of its locations, so that every place a known secret was seen stays known.
 */
export function parseBaseline(text: string, where: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw baselineError(where, 'not valid JSON (a baseline is a report written with --format json)', error);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !Array.isArray((data as Record<string, unknown>)['findings'])) {
    throw baselineError(where, 'findings: missing; a baseline is a leakproof report written with --format json');
  }
  const report = data as Record<string, unknown>;
  const tool = report['tool'] as Record<string, unknown> | undefined;
  if (tool !== undefined && (typeof tool !== 'object' || tool === null || tool['name'] !== 'leakproof')) {
    throw baselineError(where, 'tool.name: not a leakproof report');
  }
  const version = report['schemaVersion'];
  if (version !== undefined && (typeof version !== 'string' || !version.startsWith('1.'))) {
    throw baselineError(where, `schemaVersion: unsupported version ${JSON.stringify(version)} (this leakproof reads 1.x)`);
  }
  const fingerprints = new Set<string>();
  (report['findings'] as unknown[]).forEach((finding, i) => {
    const at = `findings[${i}]`;
    if (typeof finding !== 'object' || finding === null || Array.isArray(finding)) throw baselineError(where, `${at}: expected an object`);
    const f = finding as Record<string, unknown>;
    fingerprintAt(f['fingerprint'], `${at}.fingerprint`, where, true, fingerprints);
    const location = f['location'];
    if (typeof location === 'object' && location !== null) {
      fingerprintAt((location as Record<string, unknown>)['fingerprint'], `${at}.location.fingerprint`, where, false, fingerprints);
    }
    const locations = f['locations'];
    if (locations === undefined) return;
    if (!Array.isArray(locations)) throw baselineError(where, `${at}.locations: expected a list`);
    locations.forEach((loc, j) => {
      if (typeof loc !== 'object' || loc === null) throw baselineError(where, `${at}.locations[${j}]: expected an object`);
      fingerprintAt((loc as Record<string, unknown>)['fingerprint'], `${at}.locations[${j}].fingerprint`, where, false, fingerprints);
    });
  });
  return fingerprints;
}

/** Reads a baseline report; a relative `file` is resolved against `cwd` (default: the process's working directory). */
export async function loadBaseline(file: string, cwd?: string): Promise<Set<string>> {
  const absolute = cwd === undefined ? resolve(file) : resolve(cwd, file);
  const text = await readText(absolute, file, 'error');
  return parseBaseline(text ?? '', file);
}
