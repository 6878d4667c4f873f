/**
 * Key files. A signer key file holds one line, `PRIVATE+KEY+<name>+<id>+<base64>`, mode 0600; it is
 * read only to sign and is never printed. Verifier keys (`<name>+<id>+<base64>`) are public.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { ed25519NoteKey, ed25519Verifier, parseSignerKey, parseVerifierKey, type Ed25519NoteKey, type NoteVerifier } from '../../engines/ledger/note.js';

/** A public key the caller trusts: checks checkpoints (as a note verifier) and seal attestations (DSSE). */
export interface TrustedKey {
  readonly verifier: NoteVerifier;
  readonly publicKey: Uint8Array;
  /** `name+keyid`, the DSSE keyid leakproof signs attestations under. */
  readonly dsseKeyId: string;
  readonly verifierKey: string;
}

export function trustedKey(verifierKey: string): TrustedKey {
  const parsed = parseVerifierKey(verifierKey);
  return { verifier: ed25519Verifier(verifierKey), publicKey: parsed.publicKey, dsseKeyId: `${parsed.name}+${parsed.keyId.toString(16).padStart(8, '0')}`, verifierKey: parsed.verifierKey };
}

export const DEFAULT_KEY_FILE = path.join('.leakproof', 'ledger.key');
export const DEFAULT_LOG_DIR = path.join('.leakproof', 'ledger');
export const DEFAULT_STATE_DIR = path.join('.leakproof', 'ledger-state');

export async function generateKeyFile(name: string, file: string): Promise<Ed25519NoteKey> {
  const key = ed25519NoteKey(name, randomBytes(32));
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LeakproofError('OUTPUT_FAILED', code === 'EEXIST' ? 'refusing to overwrite an existing key file' : `cannot create the key file: ${(error as Error).message}`, { where: file });
  }
  try {
    await handle.writeFile(`${key.signerKey}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return key;
}

export async function loadSigner(file: string): Promise<Ed25519NoteKey> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LeakproofError(code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'INPUT_UNREADABLE', code === 'ENOENT' ? 'no signing key (create one with `leakproof key generate`)' : `cannot read the key: ${(error as Error).message}`, { where: file });
  }
  try {
    return parseSignerKey(text.trim());
  } catch (error) {
    // Never echo the file: it is a private key.
    if (error instanceof LeakproofError) throw new LeakproofError(error.code, error.message, { where: file });
    throw error;
  }
}

/** `--pubkey` takes the verifier key itself or a file holding it. */
export async function loadVerifierKey(value: string, cwd: string): Promise<TrustedKey> {
  if (/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(value.trim())) return trustedKey(value.trim());
  const file = path.resolve(cwd, value);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new LeakproofError('KEY_INVALID', 'not a verifier key (name+id+key) nor a readable file holding one', { where: value });
  }
  return trustedKey(text.trim());
}
