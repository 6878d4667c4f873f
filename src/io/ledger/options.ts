/**
 * Option handling shared by the ledger commands: strict argument parsing, where the log, key and
 * client state live, and which keys are trusted.
 *
 * Defaults (relative to the working directory): log `.leakproof/ledger`, signing key
 * `.leakproof/ledger.key`, checkpoint memory `.leakproof/ledger-state`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { DEFAULT_KEY_FILE, DEFAULT_LOG_DIR, DEFAULT_STATE_DIR, loadSigner, loadVerifierKey, trustedKey, type TrustedKey } from './keys.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: true }>>;

export function parseStrict<O extends Options>(args: readonly string[], options: O, command: string): Parsed<O> {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new LeakproofError('USAGE', `${command}: ${(error as Error).message.split('\n')[0] ?? 'bad arguments'}`);
  }
}

export const LEDGER_OPTIONS = {
  log: { type: 'string' },
  key: { type: 'string' },
  pubkey: { type: 'string', multiple: true },
  state: { type: 'string' },
  json: { type: 'boolean' },
} as const satisfies Options;

export interface LedgerPaths {
  readonly logDir: string;
  readonly keyFile: string;
  readonly stateDir: string;
}

export function ledgerPaths(values: { log?: string | undefined; key?: string | undefined; state?: string | undefined }, cwd: string): LedgerPaths {
  return {
    logDir: path.resolve(cwd, values.log ?? DEFAULT_LOG_DIR),
    keyFile: path.resolve(cwd, values.key ?? DEFAULT_KEY_FILE),
    stateDir: path.resolve(cwd, values.state ?? DEFAULT_STATE_DIR),
  };
}

/** Trusted keys: every `--pubkey`, else the public half of `--key` (or the default key file). */
export async function trustedKeys(values: { key?: string | undefined; pubkey?: string[] | undefined }, paths: LedgerPaths, cwd: string): Promise<TrustedKey[]> {
  if (values.pubkey && values.pubkey.length > 0) return Promise.all(values.pubkey.map((v) => loadVerifierKey(v, cwd)));
  const signer = await loadSigner(paths.keyFile);
  return [trustedKey(signer.verifierKey)];
}

export function parseIndex(value: string | undefined, what: string): number {
  if (value === undefined || !/^(0|[1-9][0-9]{0,15})$/.test(value) || !Number.isSafeInteger(Number(value))) throw new LeakproofError('USAGE', `${what} must be a non-negative integer`);
  return Number(value);
}

/** Paths printed to a terminal: anything with control characters is shown JSON-quoted. */
export function showPath(p: string): string {
  return /[\x00-\x1f\x7f"]/.test(p) ? JSON.stringify(p) : p;
}
