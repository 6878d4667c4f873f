/**
 * The ledger operations behind `seal`, `verify` and `log`, kept out of the CLI so that other
 * callers (the server, the audit log) use the same checked paths.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import type { Checkpoint } from '../../engines/ledger/checkpoint.js';
import { INTOTO_PAYLOAD_TYPE, SEAL_PREDICATE_TYPE, openEnvelope, sealStatement, signEnvelope, type DsseEnvelope, type SealStatement } from '../../engines/ledger/dsse.js';
import { decodeEntry, decodeManifest, encodeManifest, encodeManifestRef, type Manifest } from '../../engines/ledger/entries.js';
import { leafHash, verifyInclusion } from '../../engines/ledger/merkle.js';
import { ed25519Sign, ed25519Verify, ed25519PublicKey, type Ed25519NoteKey, type NoteVerifier } from '../../engines/ledger/note.js';
import { MAX_ENTRY_SIZE } from '../../engines/ledger/tiles.js';
import { diffManifests, hashArtifact, type ManifestDiff } from './artifact.js';
import { CheckpointMemory, type Acceptance } from './client.js';
import type { TrustedKey } from './keys.js';
import { LogReader, LogWriter, openCheckpoint } from './tlog.js';

export interface SealResult {
  readonly index: number;
  readonly manifest: Manifest;
  readonly checkpoint: string;
  readonly envelope: DsseEnvelope;
}

function dsseKeyId(name: string, keyId: number): string {
  return `${name}+${keyId.toString(16).padStart(8, '0')}`;
}

export async function seal(target: string, options: { logDir: string; key: Ed25519NoteKey; exclude: readonly string[] }): Promise<SealResult> {
  const manifest = await hashArtifact(target, { exclude: options.exclude });
  const encoded = encodeManifest(manifest);
  const manifestHex = createHash('sha256').update(encoded).digest('hex');
  const writer = await LogWriter.open(options.logDir, { key: options.key });
  let index: number;
  let entry: Uint8Array;
  try {
    if (encoded.length <= MAX_ENTRY_SIZE) entry = encoded;
    else {
      // tlog-tiles entries are at most 64 KiB: big manifests are stored by digest and the log commits to that digest.
      await writer.putBlob(encoded, manifestHex);
      entry = encodeManifestRef({
        kind: manifest.kind,
        name: manifest.name,
        artifactDigest: manifest.artifactDigest,
        manifestDigest: `sha256:${manifestHex}`,
        fileCount: manifest.files.length,
        totalBytes: manifest.files.reduce((n, f) => n + f.size, 0),
      });
    }
    index = (await writer.append(entry)).index;
  } finally {
    await writer.close();
  }
  // Re-read what was committed and prove it, rather than trusting the writer's memory.
  const reader = await LogReader.open(options.logDir, [options.key.verifier]);
  const proof = reader.inclusionProof(index);
  verifyInclusion(leafHash(reader.entry(index)), index, reader.size, proof, reader.opened.checkpoint.root);
  const statement = sealStatement(manifest, {
    manifest: Buffer.from(encoded).toString('base64'),
    manifestDigest: { sha256: manifestHex },
    log: {
      origin: reader.opened.checkpoint.origin,
      index,
      treeSize: reader.size,
      entry: Buffer.from(entry).toString('base64'),
      inclusionProof: proof.map((h) => Buffer.from(h).toString('base64')),
      checkpoint: reader.opened.note,
    },
  });
  const envelope = signEnvelope(INTOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement)), dsseKeyId(options.key.signer.name, options.key.signer.keyId), (m) =>
    ed25519Sign(options.key.privateKey, m),
  );
  return { index, manifest, checkpoint: reader.opened.note, envelope };
}

export interface SealedReference {
  readonly manifest: Manifest;
  readonly index: number;
  readonly checkpoint: Checkpoint;
  readonly acceptance: Acceptance | undefined;
}

async function manifestOfEntry(entry: Uint8Array, blob: (hex: string) => Promise<Uint8Array>): Promise<Manifest> {
  const decoded = decodeEntry(entry);
  if (decoded.type === 'manifest') return decoded;
  if (decoded.type === 'manifest-ref') {
    const hex = decoded.manifestDigest.slice('sha256:'.length);
    const bytes = await blob(hex);
    if (createHash('sha256').update(bytes).digest('hex') !== hex) throw new LeakproofError('LEDGER_CORRUPT', 'the stored manifest does not match the digest in the log');
    return decodeManifest(bytes);
  }
  throw new LeakproofError('INDEX_INVALID', 'that log entry is an audit event, not a sealed manifest');
}

/** Loads entry N from the log, proves its inclusion under the trusted checkpoint and returns its manifest. */
export async function sealedFromLog(logDir: string, index: number, verifiers: readonly NoteVerifier[], memory: CheckpointMemory | undefined): Promise<SealedReference> {
  const reader = await LogReader.open(logDir, verifiers);
  const acceptance = memory ? await memory.accept(reader.opened.note, (a, b) => reader.consistencyProof(a, b)) : undefined;
  const entry = reader.entry(index);
  verifyInclusion(leafHash(entry), index, reader.size, reader.inclusionProof(index), reader.opened.checkpoint.root);
  const manifest = await manifestOfEntry(entry, (hex) => reader.blob(hex));
  return { manifest, index, checkpoint: reader.opened.checkpoint, acceptance };
}

/** Checks a seal attestation (DSSE) on its own: envelope signature, checkpoint signature and inclusion proof. */
export async function sealedFromAttestation(file: string, trusted: readonly TrustedKey[], memory: CheckpointMemory | undefined, logDir: string | undefined): Promise<SealedReference> {
  const verifiers = trusted.map((t) => t.verifier);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new LeakproofError('INPUT_UNREADABLE', `not a seal attestation (DSSE JSON): ${(error as Error).message}`, { where: file });
  }
  const checks = new Map<string, (m: Uint8Array, s: Uint8Array) => boolean>();
  for (const t of trusted) {
    const pub = ed25519PublicKey(t.publicKey);
    checks.set(t.dsseKeyId, (m, s) => ed25519Verify(pub, m, s));
  }
  const { payloadType, payload } = openEnvelope(json, checks);
  if (payloadType !== INTOTO_PAYLOAD_TYPE) throw new LeakproofError('SIGNATURE_INVALID', `unexpected DSSE payload type ${payloadType}`);
  let statement: SealStatement;
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8')) as SealStatement;
  } catch {
    throw new LeakproofError('SIGNATURE_INVALID', 'DSSE payload is not JSON');
  }
  if (statement.predicateType !== SEAL_PREDICATE_TYPE || typeof statement.predicate?.log?.checkpoint !== 'string') throw new LeakproofError('INPUT_UNREADABLE', 'not a leakproof seal statement');
  const { log } = statement.predicate;
  const { checkpoint, note } = openCheckpoint(log.checkpoint, verifiers);
  const entry = new Uint8Array(Buffer.from(log.entry, 'base64'));
  if (!Number.isSafeInteger(log.index) || checkpoint.size !== log.treeSize) throw new LeakproofError('PROOF_INVALID', 'attestation index or tree size is inconsistent with its checkpoint');
  verifyInclusion(leafHash(entry), log.index, checkpoint.size, log.inclusionProof.map((h) => new Uint8Array(Buffer.from(h, 'base64'))), checkpoint.root);
  const manifestBytes = new Uint8Array(Buffer.from(statement.predicate.manifest, 'base64'));
  const manifest = await manifestOfEntry(entry, (hex) => {
    if (createHash('sha256').update(manifestBytes).digest('hex') !== hex) throw new LeakproofError('LEDGER_CORRUPT', 'the attested manifest does not match the logged digest');
    return Promise.resolve(manifestBytes);
  });
  if (Buffer.compare(Buffer.from(encodeManifest(manifest)), Buffer.from(manifestBytes)) !== 0) throw new LeakproofError('LEDGER_CORRUPT', 'the attested manifest differs from the logged one');
  if (`sha256:${statement.subject[0]?.digest.sha256 ?? ''}` !== manifest.artifactDigest) throw new LeakproofError('LEDGER_CORRUPT', 'the attestation subject differs from the logged artifact digest');
  let acceptance: Acceptance | undefined;
  if (memory) {
    const hasLog = logDir !== undefined && (await stat(path.join(logDir, 'checkpoint')).then(() => true, () => false));
    const reader = hasLog ? await LogReader.open(logDir, verifiers) : undefined;
    acceptance = await memory.accept(note, (a, b) => {
      if (!reader || reader.size < b) throw new LeakproofError('PROOF_INVALID', 'no log at hand to prove consistency with the remembered checkpoint');
      return reader.consistencyProof(a, b);
    });
  }
  return { manifest, index: log.index, checkpoint, acceptance };
}

export interface VerifyResult extends ManifestDiff {
  readonly sealed: SealedReference;
  readonly artifactDigestMatches: boolean;
  readonly current: Manifest;
}

export async function compareWithSealed(target: string, sealed: SealedReference, exclude: readonly string[]): Promise<VerifyResult> {
  const current = await hashArtifact(target, { exclude });
  return { ...diffManifests(sealed.manifest, current), sealed, current, artifactDigestMatches: current.artifactDigest === sealed.manifest.artifactDigest };
}

export async function writeAttestation(file: string, envelope: DsseEnvelope): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(envelope, null, 2)}\n`);
  } catch (error) {
    throw new LeakproofError('OUTPUT_FAILED', `cannot write the attestation: ${(error as Error).message}`, { where: file });
  }
}
