/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the signed note body
 *
 *   <origin>\n<tree size, decimal>\n<root hash, base64>\n[extension lines\n]
 */
import { LeakproofError } from '../../errors.js';
import { HASH_SIZE } from './merkle.js';

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
  readonly extensions: readonly string[];
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin.length === 0 || /[\n\r]/.test(cp.origin)) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint size must be a non-negative integer');
  if (cp.root.length !== HASH_SIZE) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint root must be 32 bytes');
  for (const ext of cp.extensions) if (ext.length === 0 || ext.includes('\n')) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint extension lines must be non-empty single lines');
  return [cp.origin, String(cp.size), Buffer.from(cp.root).toString('base64'), ...cp.extensions].map((l) => `${l}\n`).join('');
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === undefined || origin.length === 0) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint has no origin line');
  if (sizeText === undefined || !/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint tree size is not a decimal number without leading zeros');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint tree size is too large for this implementation');
  if (rootText === undefined) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint has no root hash line');
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootText) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint root hash is not 32 bytes of canonical base64');
  for (const ext of extensions) if (ext.length === 0) throw new LeakproofError('LEDGER_CORRUPT', 'checkpoint has an empty extension line');
  return { origin, size, root: new Uint8Array(root), extensions };
}
