import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519NoteKey, ed25519Sign, ed25519Verify, ed25519PublicKey } from '../../../src/engines/ledger/note.js';
import { INTOTO_PAYLOAD_TYPE, openEnvelope, pae, signEnvelope } from '../../../src/engines/ledger/dsse.js';
import { decodeEntry, encodeAuditEvent, encodeManifest, encodeManifestRef, sortFiles, type FileRecord } from '../../../src/engines/ledger/entries.js';
import { decodeBundle, encodeBundle, entryBundlePath, hashTilePath, parseTilePath, tileIndexPath } from '../../../src/engines/ledger/tiles.js';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'crash';
  }
}

const fileArb = fc.record({
  path: fc.string({ minLength: 1, maxLength: 30 }),
  sha256: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  size: fc.nat(),
  mode: fc.integer({ min: 0, max: 0o177777 }),
});
const filesArb = fc.uniqueArray(fileArb, { selector: (f) => f.path, maxLength: 20 }).map((fs) => sortFiles(fs as FileRecord[]));
const digest = `sha256:${'ab'.repeat(32)}`;

describe('canonical entries', () => {
  it('manifests round-trip and every re-encoding is byte-identical', () => {
    fc.assert(
      fc.property(filesArb, fc.constantFrom('directory', 'tarball', 'image' as const), fc.string(), (files, kind, name) => {
        const bytes = encodeManifest({ kind, name, artifactDigest: digest, files });
        const decoded = decodeEntry(bytes);
        expect(decoded).toEqual({ type: 'manifest', kind, name, artifactDigest: digest, files: files.map((f) => ({ ...f, sha256: new Uint8Array(f.sha256) })) });
        if (decoded.type === 'manifest') expect(Buffer.from(encodeManifest(decoded))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('sorts paths by UTF-8 bytes and refuses unsorted or duplicate paths', () => {
    const f = (p: string): FileRecord => ({ path: p, sha256: new Uint8Array(32), size: 1, mode: 0o100644 });
    // U+FF61 sorts after U+1F600 in UTF-16 code units but before it in UTF-8 bytes.
    expect(sortFiles([f('\u{1F600}'), f('\uFF61'), f('a')]).map((x) => x.path)).toEqual(['a', '\uFF61', '\u{1F600}']);
    expect(codeOf(() => encodeManifest({ kind: 'directory', name: 'x', artifactDigest: digest, files: [f('b'), f('a')] }))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => encodeManifest({ kind: 'directory', name: 'x', artifactDigest: digest, files: [f('a'), f('a')] }))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => encodeManifest({ kind: 'directory', name: 'x', artifactDigest: 'md5:00', files: [] }))).toBe('LEDGER_CORRUPT');
  });

  it('audit events are canonical whatever the key order of details', () => {
    const a = encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'a', action: 'b', object: 'c', details: { z: 1, a: 'x', m: true } });
    const b = encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'a', action: 'b', object: 'c', details: { m: true, a: 'x', z: 1 } });
    expect(Buffer.from(a)).toEqual(Buffer.from(b));
    expect(decodeEntry(a)).toMatchObject({ type: 'audit', details: { a: 'x', m: true, z: 1 } });
    expect(codeOf(() => encodeAuditEvent({ time: 'yesterday', actor: 'a', action: 'b', object: 'c', details: {} }))).toBe('INPUT_UNREADABLE');
    expect(codeOf(() => encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'a', action: 'b', object: 'c', details: { n: Number.NaN } }))).toBe('INPUT_UNREADABLE');
  });

  it('rejects truncated, extended and unknown entries', () => {
    const bytes = encodeManifestRef({ kind: 'tarball', name: 'x.tgz', artifactDigest: digest, manifestDigest: digest, fileCount: 3, totalBytes: 10 });
    expect(decodeEntry(bytes).type).toBe('manifest-ref');
    for (let cut = 0; cut < bytes.length; cut++) expect(codeOf(() => decodeEntry(bytes.subarray(0, cut)))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => decodeEntry(new Uint8Array([...bytes, 0])))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => decodeEntry(new TextEncoder().encode('\0\0\0\x03abc')))).toBe('LEDGER_CORRUPT');
  });
});

describe('tlog-tiles naming and bundles', () => {
  it('encodes tile indices as in the C2SP spec', () => {
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(hashTilePath(1, 1234067, 256)).toBe('tile/1/x001/x234/067');
    expect(hashTilePath(0, 5, 7)).toBe('tile/0/005.p/7');
    expect(entryBundlePath(1000, 256)).toBe('tile/entries/x001/000');
    expect(parseTilePath('tile/entries/x001/000')).toEqual({ kind: 'entries', level: 0, index: 1000, width: 256 });
    expect(parseTilePath('tile/0/005.p/7')).toEqual({ kind: 'hash', level: 0, index: 5, width: 7 });
    for (const bad of ['tile/0/5', 'tile/0/x000/005', 'tile/0/005.p/256', 'tile/0/005.p/0', 'tile/64/000', 'tile/0/005.p/07']) expect(parseTilePath(bad)).toBeUndefined();
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 256 }), (i, w) => {
        expect(parseTilePath(hashTilePath(3, i, w))).toEqual({ kind: 'hash', level: 3, index: i, width: w });
      }),
    );
  });

  it('bundles round-trip and reject truncation, trailing bytes and a wrong count', () => {
    const entries = [new Uint8Array(), new Uint8Array([1, 2, 3]), new Uint8Array(300).fill(9)];
    const bundle = encodeBundle(entries);
    expect(Buffer.from(bundle.subarray(0, 7)).toString('hex')).toBe('00000003010203');
    expect(decodeBundle(bundle, 3).map((e) => e.length)).toEqual([0, 3, 300]);
    expect(codeOf(() => decodeBundle(bundle.subarray(0, bundle.length - 1), 3))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => decodeBundle(new Uint8Array([...bundle, 0]), 3))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => decodeBundle(bundle, 2))).toBe('LEDGER_CORRUPT');
    expect(codeOf(() => encodeBundle([new Uint8Array(65_536)]))).toBe('INPUT_TOO_LARGE');
  });
});

describe('DSSE', () => {
  it('computes the pre-authentication encoding of the DSSE specification', () => {
    expect(Buffer.from(pae('http://example.com/HelloWorld', new TextEncoder().encode('hello world'))).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('signs and opens envelopes; a changed payload or type fails', () => {
    const key = ed25519NoteKey('log.example', new Uint8Array(32).fill(4));
    const pub = ed25519PublicKey(key.publicKey);
    const env = signEnvelope(INTOTO_PAYLOAD_TYPE, new TextEncoder().encode('{"a":1}'), 'k1', (m) => ed25519Sign(key.privateKey, m));
    const verifiers = new Map([['k1', (m: Uint8Array, s: Uint8Array) => ed25519Verify(pub, m, s)]]);
    expect(Buffer.from(openEnvelope(env, verifiers).payload).toString()).toBe('{"a":1}');
    expect(codeOf(() => openEnvelope({ ...env, payload: Buffer.from('{"a":2}').toString('base64') }, verifiers))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => openEnvelope({ ...env, payloadType: 'text/plain' }, verifiers))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => openEnvelope(env, new Map()))).toBe('SIGNATURE_INVALID');
    expect(codeOf(() => openEnvelope('nope', verifiers))).toBe('SIGNATURE_INVALID');
  });
});
