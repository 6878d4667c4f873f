/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys, and the key encodings of the
 * Go `golang.org/x/mod/sumdb/note` package:
 *
 *   verifier key  <name>+<key id, 8 hex digits>+<base64(0x01 || 32-byte public key)>
 *   signer key    PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>
 *   key id        first 4 bytes (big-endian uint32) of SHA-256(name || 0x0A || type || public key)
 *
 * Signing is deterministic (Ed25519), so this module stays pure: keys are derived from seeds that
 * the caller supplies.
 */
import { createHash, createPrivateKey, createPublicKey, sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { LeakproofError } from '../../errors.js';

export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;
const MAX_SIGNATURES = 100;
const SIG_PREFIX = '\u2014 ';

export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** `signature` is the signature line's bytes after the 4-byte key id. */
  verify(text: string, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: string): Uint8Array;
}

export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** Bytes after the key id. */
  readonly signature: Uint8Array;
}

export interface Note {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export interface OpenedNote extends Note {
  /** Signatures that were checked against a known verifier, in note order. */
  readonly verified: readonly NoteSignature[];
  /** Signatures from keys the caller does not know; ignored, as the spec requires. */
  readonly unknown: readonly NoteSignature[];
}

/** Key names: non-empty, no whitespace (Unicode included), no '+'. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name) && !/\p{Cc}/u.test(name);
}

function requireKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new LeakproofError('KEY_INVALID', 'key name must be non-empty and contain no spaces or "+"');
}

export function keyId(name: string, alg: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update(new Uint8Array([0x0a, alg])).update(publicKey).digest();
  return digest.readUInt32BE(0);
}

function hex8(id: number): string {
  return id.toString(16).padStart(8, '0');
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export function ed25519PrivateKey(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new LeakproofError('KEY_INVALID', 'an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
}

export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new LeakproofError('KEY_INVALID', 'an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

export function ed25519RawPublicKey(privateKey: KeyObject): Uint8Array {
  const der = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - 32));
}

export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(cryptoSign(null, message, privateKey));
}

export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return cryptoVerify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** An Ed25519 note signer with its verifier and both key encodings. */
export interface Ed25519NoteKey {
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
  readonly publicKey: Uint8Array;
  readonly privateKey: KeyObject;
  /** The 32-byte seed (secret): lets the same key act as a cosignature/v1 witness key. */
  readonly seed: Uint8Array;
  /** `PRIVATE+KEY+name+id+base64`: secret, only ever written to a 0600 key file. */
  readonly signerKey: string;
  /** `name+id+base64`: public. */
  readonly verifierKey: string;
}

export function ed25519NoteKey(name: string, seed: Uint8Array): Ed25519NoteKey {
  requireKeyName(name);
  const privateKey = ed25519PrivateKey(seed);
  const publicKey = ed25519RawPublicKey(privateKey);
  const id = keyId(name, ALG_ED25519, publicKey);
  const publicObject = ed25519PublicKey(publicKey);
  const enc = new TextEncoder();
  return {
    publicKey,
    privateKey,
    seed: seed.slice(),
    signer: { name, keyId: id, sign: (text) => ed25519Sign(privateKey, enc.encode(text)) },
    verifier: { name, keyId: id, verify: (text, sig) => ed25519Verify(publicObject, enc.encode(text), sig) },
    signerKey: `PRIVATE+KEY+${name}+${hex8(id)}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`,
    verifierKey: `${name}+${hex8(id)}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`,
  };
}

function strictBase64(text: string, what: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  if (text.length === 0 || bytes.toString('base64') !== text) throw new LeakproofError('KEY_INVALID', `${what} is not canonical base64`);
  return new Uint8Array(bytes);
}

/** Splits on the first `count - 1` '+' signs: the base64 key at the end may itself contain '+'. */
function splitKey(text: string, count: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < count - 1) {
    const at = rest.indexOf('+');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/** Parses `PRIVATE+KEY+name+id+base64`, checking the key id against the key. */
export function parseSignerKey(encoded: string): Ed25519NoteKey {
  const parts = splitKey(encoded.trim(), 5);
  if (parts.length !== 5 || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new LeakproofError('KEY_INVALID', 'not a signer key (expected PRIVATE+KEY+name+id+key)');
  const [, , name = '', idHex = '', keyB64 = ''] = parts;
  requireKeyName(name);
  const raw = strictBase64(keyB64, 'signer key');
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new LeakproofError('KEY_INVALID', 'signer key is not an Ed25519 key');
  const key = ed25519NoteKey(name, raw.subarray(1));
  if (!/^[0-9a-f]{8}$/.test(idHex) || parseInt(idHex, 16) !== key.signer.keyId) throw new LeakproofError('KEY_INVALID', 'signer key id does not match the key');
  return key;
}

/** Parses a verifier key `name+id+base64` of type Ed25519 (0x01) or cosignature/v1 (0x04). */
export function parseVerifierKey(encoded: string): { name: string; keyId: number; alg: number; publicKey: Uint8Array; verifierKey: string } {
  const text = encoded.trim();
  const parts = splitKey(text, 3);
  if (parts.length !== 3) throw new LeakproofError('KEY_INVALID', 'not a verifier key (expected name+id+key)');
  const [name = '', idHex = '', keyB64 = ''] = parts;
  requireKeyName(name);
  const raw = strictBase64(keyB64, 'verifier key');
  const alg = raw[0];
  if (raw.length !== 33 || (alg !== ALG_ED25519 && alg !== ALG_COSIGNATURE_V1)) throw new LeakproofError('KEY_INVALID', 'verifier key is not an Ed25519 or cosignature/v1 key');
  const publicKey = raw.subarray(1);
  const id = keyId(name, alg, publicKey);
  if (!/^[0-9a-f]{8}$/.test(idHex) || parseInt(idHex, 16) !== id) throw new LeakproofError('KEY_INVALID', 'verifier key id does not match the key');
  return { name, keyId: id, alg, publicKey, verifierKey: text };
}

export function ed25519Verifier(encoded: string): NoteVerifier {
  const key = parseVerifierKey(encoded);
  if (key.alg !== ALG_ED25519) throw new LeakproofError('KEY_INVALID', 'expected an Ed25519 note verifier key');
  const publicObject = ed25519PublicKey(key.publicKey);
  const enc = new TextEncoder();
  return { name: key.name, keyId: key.keyId, verify: (text, sig) => ed25519Verify(publicObject, enc.encode(text), sig) };
}

function checkText(text: string): void {
  if (text.length === 0 || !text.endsWith('\n')) throw new LeakproofError('SIGNATURE_INVALID', 'note text must be non-empty and end with a newline');
  if (/[\x00-\x09\x0b-\x1f\x7f]/.test(text)) throw new LeakproofError('SIGNATURE_INVALID', 'note text contains control characters');
  if (text.includes('\ufffd')) throw new LeakproofError('SIGNATURE_INVALID', 'note text is not valid UTF-8');
}

export function formatSignatureLine(sig: NoteSignature): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(sig.keyId >>> 0);
  return `${SIG_PREFIX}${sig.name} ${Buffer.concat([id, sig.signature]).toString('base64')}\n`;
}

export function formatNote(note: Note): string {
  checkText(note.text);
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}

export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  for (const s of signers) requireKeyName(s.name);
  return formatNote({ text, signatures: signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(text) })) });
}

/** Splits a signed note into text and signature lines without checking any signature. */
export function parseNote(message: string): Note {
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new LeakproofError('SIGNATURE_INVALID', 'malformed note: no signature block');
  const text = message.slice(0, split + 1);
  checkText(text);
  const block = message.slice(split + 2);
  if (!block.endsWith('\n')) throw new LeakproofError('SIGNATURE_INVALID', 'malformed note: signature block must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new LeakproofError('SIGNATURE_INVALID', `note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIG_PREFIX)) throw new LeakproofError('SIGNATURE_INVALID', 'malformed note: bad signature line');
    const rest = line.slice(SIG_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const b64 = rest.slice(space + 1);
    if (space <= 0 || !isValidKeyName(name)) throw new LeakproofError('SIGNATURE_INVALID', 'malformed note: bad signer name');
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length < 5 || bytes.toString('base64') !== b64) throw new LeakproofError('SIGNATURE_INVALID', 'malformed note: bad signature encoding');
    return { name, keyId: bytes.readUInt32BE(0), signature: new Uint8Array(bytes.subarray(4)) };
  });
  return { text, signatures };
}

/**
 * Verifies a signed note. Signatures from unknown keys are ignored; a signature from a known key
 * that does not verify is an error (never silently skipped); at least one known signature is required.
 */
export function openNote(message: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const note = parseNote(message);
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const sig of note.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!verifier) {
      unknown.push(sig);
      continue;
    }
    if (!verifier.verify(note.text, sig.signature)) {
      throw new LeakproofError('SIGNATURE_INVALID', `signature by ${sig.name} does not verify`);
    }
    verified.push(sig);
  }
  if (verified.length === 0) throw new LeakproofError('SIGNATURE_INVALID', 'note has no signature from a known key');
  return { ...note, verified, unknown };
}

/** Appends signatures (a witness's cosignature, say) to an already signed note, keeping the existing ones. */
export function addSignatures(message: string, signers: readonly NoteSigner[]): string {
  const note = parseNote(message);
  const added = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(note.text) }));
  return formatNote({ text: note.text, signatures: [...note.signatures, ...added] });
}
