/**
 * Canonical, length-prefixed encodings of ledger entries.
 *
 * Every field is `uint32 BE length || bytes`; integers are fixed-width big-endian inside a field.
 * There is exactly one encoding per value (sorted paths and detail keys, no optional padding), so
 * equal content always hashes to the same leaf, and the decoder rejects anything non-canonical.
 */
import { createHash } from 'node:crypto';
import { LeakproofError } from '../../errors.js';

export const MANIFEST_TAG = 'leakproof.manifest.v1';
export const MANIFEST_REF_TAG = 'leakproof.manifest-ref.v1';
export const AUDIT_TAG = 'leakproof.audit.v1';

export type ArtifactKind = 'directory' | 'tarball' | 'image';
const KINDS: readonly ArtifactKind[] = ['directory', 'tarball', 'image'];

export interface FileRecord {
  /** `/`-separated path relative to the artifact root; image layer members are `<layer>!<path>`. */
  readonly path: string;
  readonly sha256: Uint8Array;
  readonly size: number;
  /** Permission bits (and file type bits where known), as in `stat.mode & 0o7777`. */
  readonly mode: number;
}

export interface Manifest {
  readonly kind: ArtifactKind;
  readonly name: string;
  /** `sha256:<hex>`: the tarball's own bytes, or for a directory the digest of its file list. */
  readonly artifactDigest: string;
  readonly files: readonly FileRecord[];
}

export interface ManifestRef {
  readonly kind: ArtifactKind;
  readonly name: string;
  readonly artifactDigest: string;
  /** `sha256:<hex>` of the full canonical manifest encoding, stored beside the log. */
  readonly manifestDigest: string;
  readonly fileCount: number;
  readonly totalBytes: number;
}

export type DetailValue = string | number | boolean;

export interface AuditEvent {
  /** RFC 3339 UTC time, passed in by the caller. */
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly object: string;
  readonly details: Readonly<Record<string, DetailValue>>;
}

export type Entry = ({ type: 'manifest' } & Manifest) | ({ type: 'manifest-ref' } & ManifestRef) | ({ type: 'audit' } & AuditEvent);

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

class Writer {
  private readonly parts: Uint8Array[] = [];
  field(bytes: Uint8Array): this {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length);
    this.parts.push(len, bytes);
    return this;
  }
  text(value: string): this {
    return this.field(enc.encode(value));
  }
  u64(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new LeakproofError('INPUT_UNREADABLE', `not a non-negative integer: ${value}`);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(value));
    return this.field(b);
  }
  bytes(): Uint8Array {
    return Buffer.concat(this.parts);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly data: Uint8Array) {}
  field(): Uint8Array {
    if (this.at + 4 > this.data.length) throw corrupt('entry ends inside a length prefix');
    const len = new DataView(this.data.buffer, this.data.byteOffset + this.at, 4).getUint32(0);
    const start = this.at + 4;
    if (start + len > this.data.length) throw corrupt('entry field runs past the end');
    this.at = start + len;
    return this.data.subarray(start, start + len);
  }
  text(): string {
    try {
      return dec.decode(this.field());
    } catch (error) {
      if (error instanceof LeakproofError) throw error;
      throw corrupt('entry text is not valid UTF-8');
    }
  }
  u64(): number {
    const b = this.field();
    if (b.length !== 8) throw corrupt('integer field is not 8 bytes');
    const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('integer field is too large');
    return Number(v);
  }
  end(): void {
    if (this.at !== this.data.length) throw corrupt('trailing bytes after the entry');
  }
}

function corrupt(message: string): LeakproofError {
  return new LeakproofError('LEDGER_CORRUPT', message);
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Sorts by UTF-8 bytes (not UTF-16 code units) so the order is the same in every language. */
export function sortFiles(files: readonly FileRecord[]): FileRecord[] {
  return files.slice().sort((a, b) => compareBytes(a.path, b.path));
}

function checkDigest(value: string, what: string): void {
  if (!/^sha256:[0-9a-f]{64}$/.test(value)) throw new LeakproofError('LEDGER_CORRUPT', `${what} must be sha256:<64 hex digits>`);
}

function checkKind(kind: string): ArtifactKind {
  if (!(KINDS as readonly string[]).includes(kind)) throw corrupt(`unknown artifact kind '${kind}'`);
  return kind as ArtifactKind;
}

function encodeFiles(w: Writer, files: readonly FileRecord[]): void {
  w.u64(files.length);
  let previous: string | undefined;
  for (const f of files) {
    if (previous !== undefined && compareBytes(previous, f.path) >= 0) throw new LeakproofError('LEDGER_CORRUPT', `manifest paths must be sorted and unique (at ${JSON.stringify(f.path)})`);
    if (f.sha256.length !== 32) throw new LeakproofError('LEDGER_CORRUPT', 'file digest must be 32 bytes');
    if (!Number.isInteger(f.mode) || f.mode < 0 || f.mode > 0xffffffff) throw new LeakproofError('LEDGER_CORRUPT', 'file mode out of range');
    const mode = new Uint8Array(4);
    new DataView(mode.buffer).setUint32(0, f.mode);
    w.text(f.path).field(f.sha256).u64(f.size).field(mode);
    previous = f.path;
  }
}

/** The canonical file list alone: a directory's artifact digest is its SHA-256. */
export function encodeFileList(files: readonly FileRecord[]): Uint8Array {
  const w = new Writer().text('leakproof.files.v1');
  encodeFiles(w, files);
  return w.bytes();
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeManifest(m: Manifest): Uint8Array {
  checkDigest(m.artifactDigest, 'artifact digest');
  const w = new Writer().text(MANIFEST_TAG).text(checkKind(m.kind)).text(m.name).text(m.artifactDigest);
  encodeFiles(w, m.files);
  return w.bytes();
}

export function encodeManifestRef(m: ManifestRef): Uint8Array {
  checkDigest(m.artifactDigest, 'artifact digest');
  checkDigest(m.manifestDigest, 'manifest digest');
  return new Writer().text(MANIFEST_REF_TAG).text(checkKind(m.kind)).text(m.name).text(m.artifactDigest).text(m.manifestDigest).u64(m.fileCount).u64(m.totalBytes).bytes();
}

export function encodeAuditEvent(e: AuditEvent): Uint8Array {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(e.time)) throw new LeakproofError('INPUT_UNREADABLE', 'audit event time must be RFC 3339 UTC (…Z)');
  const keys = Object.keys(e.details).sort(compareBytes);
  const w = new Writer().text(AUDIT_TAG).text(e.time).text(e.actor).text(e.action).text(e.object).u64(keys.length);
  for (const key of keys) {
    const value = e.details[key];
    if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new LeakproofError('INPUT_UNREADABLE', `audit detail '${key}' must be a string, finite number or boolean`);
    }
    w.text(key).text(JSON.stringify(value));
  }
  return w.bytes();
}

export function decodeEntry(bytes: Uint8Array): Entry {
  const r = new Reader(bytes);
  const tag = r.text();
  if (tag === MANIFEST_TAG) {
    const kind = checkKind(r.text());
    const name = r.text();
    const artifactDigest = r.text();
    const files = decodeFiles(r);
    r.end();
    const m: Entry = { type: 'manifest', kind, name, artifactDigest, files };
    checkCanonical(bytes, encodeManifest(m));
    return m;
  }
  if (tag === MANIFEST_REF_TAG) {
    const m: Entry = { type: 'manifest-ref', kind: checkKind(r.text()), name: r.text(), artifactDigest: r.text(), manifestDigest: r.text(), fileCount: r.u64(), totalBytes: r.u64() };
    r.end();
    checkCanonical(bytes, encodeManifestRef(m));
    return m;
  }
  if (tag === AUDIT_TAG) {
    const time = r.text();
    const actor = r.text();
    const action = r.text();
    const object = r.text();
    const count = r.u64();
    const details: Record<string, DetailValue> = {};
    for (let i = 0; i < count; i++) {
      const key = r.text();
      let value: unknown;
      try {
        value = JSON.parse(r.text());
      } catch {
        throw corrupt('audit detail value is not JSON');
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw corrupt('audit detail value has the wrong type');
      details[key] = value;
    }
    r.end();
    const e: Entry = { type: 'audit', time, actor, action, object, details };
    checkCanonical(bytes, encodeAuditEvent(e));
    return e;
  }
  throw corrupt(`unknown entry type '${tag.slice(0, 40)}'`);
}

/** Decodes a manifest blob (the target of a manifest-ref entry). */
export function decodeManifest(bytes: Uint8Array): Manifest {
  const e = decodeEntry(bytes);
  if (e.type !== 'manifest') throw corrupt('not a manifest');
  return e;
}

function decodeFiles(r: Reader): FileRecord[] {
  const count = r.u64();
  const files: FileRecord[] = [];
  for (let i = 0; i < count; i++) {
    const path = r.text();
    const sha256 = r.field();
    const size = r.u64();
    const modeBytes = r.field();
    if (sha256.length !== 32 || modeBytes.length !== 4) throw corrupt('malformed file record');
    files.push({ path, sha256: new Uint8Array(sha256), size, mode: new DataView(modeBytes.buffer, modeBytes.byteOffset, 4).getUint32(0) });
  }
  return files;
}

function checkCanonical(original: Uint8Array, reencoded: Uint8Array): void {
  if (Buffer.compare(Buffer.from(original), Buffer.from(reencoded)) !== 0) throw corrupt('entry is not in canonical form');
}
