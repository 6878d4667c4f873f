/**
 * DSSE envelopes (https://github.com/secure-systems-lab/dsse) carrying in-toto Statements v1, so
 * supply-chain tooling can consume a sealed release: the subject is the artifact digest, the
 * predicate holds the canonical manifest, the log entry, its inclusion proof and the checkpoint.
 *
 * The envelope is signed with the log's Ed25519 key over the DSSE pre-authentication encoding.
 * PAE bytes never end in a newline (the payload is compact JSON), so they can never be mistaken
 * for a signed-note text, which must end in one: the two uses of the key cannot be confused.
 */
import { LeakproofError } from '../../errors.js';
import type { Manifest } from './entries.js';

export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const SEAL_PREDICATE_TYPE = 'https://leakproof.dev/ledger/seal/v1';

export interface DsseSignature {
  readonly keyid: string;
  readonly sig: string;
}

export interface DsseEnvelope {
  readonly payloadType: string;
  readonly payload: string;
  readonly signatures: readonly DsseSignature[];
}

export interface SealPredicate {
  readonly kind: string;
  readonly fileCount: number;
  readonly totalBytes: number;
  /** Base64 of the canonical manifest encoding. */
  readonly manifest: string;
  readonly manifestDigest: { readonly sha256: string };
  readonly log: {
    readonly origin: string;
    readonly index: number;
    readonly treeSize: number;
    /** Base64 of the exact bytes logged (the manifest, or a manifest reference for big ones). */
    readonly entry: string;
    readonly inclusionProof: readonly string[];
    /** The signed checkpoint note the proof leads to. */
    readonly checkpoint: string;
  };
}

export interface SealStatement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly { readonly name: string; readonly digest: { readonly sha256: string } }[];
  readonly predicateType: typeof SEAL_PREDICATE_TYPE;
  readonly predicate: SealPredicate;
}

export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export function sealStatement(manifest: Manifest, predicate: Omit<SealPredicate, 'kind' | 'fileCount' | 'totalBytes'>): SealStatement {
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: manifest.name, digest: { sha256: manifest.artifactDigest.slice('sha256:'.length) } }],
    predicateType: SEAL_PREDICATE_TYPE,
    predicate: {
      kind: manifest.kind,
      fileCount: manifest.files.length,
      totalBytes: manifest.files.reduce((n, f) => n + f.size, 0),
      ...predicate,
    },
  };
}

export function signEnvelope(payloadType: string, payload: Uint8Array, keyid: string, sign: (message: Uint8Array) => Uint8Array): DsseEnvelope {
  return {
    payloadType,
    payload: Buffer.from(payload).toString('base64'),
    signatures: [{ keyid, sig: Buffer.from(sign(pae(payloadType, payload))).toString('base64') }],
  };
}

/** Returns the payload once a signature by a known key id verifies; any failing known signature is an error. */
export function openEnvelope(value: unknown, verifiers: ReadonlyMap<string, (message: Uint8Array, signature: Uint8Array) => boolean>): { payloadType: string; payload: Uint8Array } {
  const env = value as Partial<DsseEnvelope> | null;
  if (typeof env !== 'object' || env === null || typeof env.payloadType !== 'string' || typeof env.payload !== 'string' || !Array.isArray(env.signatures)) {
    throw new LeakproofError('SIGNATURE_INVALID', 'not a DSSE envelope');
  }
  const payload = new Uint8Array(Buffer.from(env.payload, 'base64'));
  const message = pae(env.payloadType, payload);
  let verified = 0;
  for (const s of env.signatures as unknown[]) {
    const sig = s as Partial<DsseSignature> | null;
    if (typeof sig !== 'object' || sig === null || typeof sig.sig !== 'string') throw new LeakproofError('SIGNATURE_INVALID', 'malformed DSSE signature');
    const verify = typeof sig.keyid === 'string' ? verifiers.get(sig.keyid) : undefined;
    if (!verify) continue;
    if (!verify(message, new Uint8Array(Buffer.from(sig.sig, 'base64')))) throw new LeakproofError('SIGNATURE_INVALID', `DSSE signature by ${sig.keyid} does not verify`);
    verified++;
  }
  if (verified === 0) throw new LeakproofError('SIGNATURE_INVALID', 'DSSE envelope has no signature from a known key');
  return { payloadType: env.payloadType, payload };
}
