import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LeakproofError } from '../errors.js';
import { SEVERITIES, type Severity } from '../engines/secrets/types.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** util.parseArgs in strict mode, with its errors turned into one-line usage errors (exit 2). */
export interface ParsedCommandArgs {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

export function parseCommandArgs(command: string, args: readonly string[], options: Options): ParsedCommandArgs {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new LeakproofError('USAGE', `${command}: ${message}. Run \`leakproof ${command} --help\`.`, { cause: error });
  }
}

export function parseSeverity(value: string, flag: string): Severity {
  const lower = value.toLowerCase();
  if ((SEVERITIES as readonly string[]).includes(lower)) return lower as Severity;
  throw new LeakproofError('USAGE', `${flag} must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(value)})`);
}

export function parsePositiveInt(value: string, flag: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
  if (!/^\d+$/.test(value)) throw new LeakproofError('USAGE', `${flag} takes a whole number (got ${JSON.stringify(value)})`);
  const n = Number(value);
  if (n < min || n > max) throw new LeakproofError('USAGE', `${flag} must be between ${min} and ${max} (got ${n})`);
  return n;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|kib|mb|mib|gb|gib)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

export function stringFlag(parsed: ParsedCommandArgs, name: string): string | undefined {
  const v = parsed.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function boolFlag(parsed: ParsedCommandArgs, name: string): boolean {
  return parsed.values[name] === true;
}

export function listFlag(parsed: ParsedCommandArgs, name: string): string[] {
  const v = parsed.values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** `64MiB`, `10mb`, `1048576` → bytes. */
export function parseSize(value: string, flag: string): number {
  const m = SIZE.exec(value.trim());
  if (!m) throw new LeakproofError('USAGE', `${flag} takes a size such as 64MiB or 1048576 (got ${JSON.stringify(value)})`);
  const n = Number(m[1]) * (UNITS[(m[2] ?? 'b').toLowerCase()] ?? 1);
  if (!Number.isFinite(n) || n < 1) throw new LeakproofError('USAGE', `${flag} must be at least 1 byte`);
  return Math.floor(n);
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org) or TERM=dumb. */
export function useColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return isTTY && env['TERM'] !== 'dumb';
}
