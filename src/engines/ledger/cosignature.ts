/**
 * Witness cosignatures, C2SP tlog-cosignature (`cosignature/v1`): an Ed25519 signature over
 *
 *   cosignature/v1\ntime <unix seconds>\n<checkpoint body>
 *
 * carried in an ordinary signed-note signature line as key id (4) || timestamp (uint64 BE, 8) ||
 * signature (64). Key ids use the algorithm byte 0x04, so a witness key never collides with a log key.
 */
import { LeakproofError } from '../../errors.js';
import {
  ALG_COSIGNATURE_V1,
  ed25519PrivateKey,
  ed25519PublicKey,
  ed25519RawPublicKey,
  ed25519Sign,
  ed25519Verify,
  isValidKeyName,
  keyId,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';

export function cosignedMessage(text: string, timestamp: bigint): Uint8Array {
  return new TextEncoder().encode(`cosignature/v1\ntime ${timestamp}\n${text}`);
}

export interface Cosigner {
  readonly signer: NoteSigner;
  readonly verifier: NoteVerifier;
  readonly verifierKey: string;
}

/** A witness that cosigns at the time given by `now` (unix seconds); time is passed in to keep this pure. */
export function cosigner(name: string, seed: Uint8Array, now: () => bigint): Cosigner {
  if (!isValidKeyName(name)) throw new LeakproofError('KEY_INVALID', 'key name must be non-empty and contain no spaces or "+"');
  const privateKey = ed25519PrivateKey(seed);
  const publicKey = ed25519RawPublicKey(privateKey);
  const id = keyId(name, ALG_COSIGNATURE_V1, publicKey);
  const verifierKey = `${name}+${id.toString(16).padStart(8, '0')}+${Buffer.concat([Buffer.from([ALG_COSIGNATURE_V1]), publicKey]).toString('base64')}`;
  return {
    verifierKey,
    verifier: cosignatureVerifier(verifierKey),
    signer: {
      name,
      keyId: id,
      sign(text) {
        const t = now();
        if (t < 0n || t >= 1n << 64n) throw new LeakproofError('KEY_INVALID', 'cosignature time out of range');
        const out = Buffer.alloc(8 + 64);
        out.writeBigUInt64BE(t, 0);
        out.set(ed25519Sign(privateKey, cosignedMessage(text, t)), 8);
        return new Uint8Array(out);
      },
    },
  };
}

export function cosignatureVerifier(encoded: string): NoteVerifier & { timestampOf(signature: Uint8Array): bigint } {
  const key = parseVerifierKey(encoded);
  if (key.alg !== ALG_COSIGNATURE_V1) throw new LeakproofError('KEY_INVALID', 'expected a cosignature/v1 verifier key');
  const publicObject = ed25519PublicKey(key.publicKey);
  return {
    name: key.name,
    keyId: key.keyId,
    verify(text, signature) {
      if (signature.length !== 72) return false;
      const t = Buffer.from(signature).readBigUInt64BE(0);
      return ed25519Verify(publicObject, cosignedMessage(text, t), signature.subarray(8));
    },
    timestampOf(signature) {
      if (signature.length !== 72) throw new LeakproofError('SIGNATURE_INVALID', 'cosignature has the wrong length');
      return Buffer.from(signature).readBigUInt64BE(0);
    },
  };
}
