/**
 * Leakproof's checkpoints and inclusion proofs checked by an independent implementation: the
 * signed-checkpoint and RFC 6962 inclusion verification of sigstore-js (@sigstore/verify 3.1.x,
 * the last line that supports Node 20).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint.js';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAuditEvent } from '../../../src/engines/ledger/entries.js';
import { ed25519NoteKey, ed25519PublicKey } from '../../../src/engines/ledger/note.js';
import { LogReader, LogWriter } from '../../../src/io/ledger/tlog.js';

type SigstoreEntry = Parameters<typeof verifyMerkleInclusion>[0];
type Authority = Parameters<typeof verifyCheckpoint>[1][number];

const key = ed25519NoteKey('ledger.example/independent', new Uint8Array(32).fill(11));
const event = (i: number): Uint8Array => encodeAuditEvent({ time: '2026-02-03T04:05:06Z', actor: 'ci', action: 'scan.run', object: `repo-${i}`, details: { findings: i % 3 } });

let dir: string;
let reader: LogReader;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lp-independent-'));
  const writer = await LogWriter.open(dir, { key, maxBatch: 97 });
  await Promise.all(Array.from({ length: 777 }, (_, i) => writer.append(event(i))));
  await writer.close();
  reader = await LogReader.open(dir, [key.verifier]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function authority(): Authority {
  // sigstore looks the log up by the 4-byte key hint of the signature line and by name: for a C2SP
  // note these are the note key id and the key name.
  const id = Buffer.alloc(32);
  id.writeUInt32BE(key.signer.keyId, 0);
  return { logID: id, baseURL: key.signer.name, publicKey: ed25519PublicKey(key.publicKey), validFor: { start: new Date(0), end: new Date(8.64e15) } };
}

function sigstoreEntry(index: number, hashes: Uint8Array[], body: Uint8Array, note: string): SigstoreEntry {
  return {
    logIndex: String(index),
    canonicalizedBody: Buffer.from(body),
    inclusionProof: { logIndex: String(index), treeSize: String(reader.size), rootHash: Buffer.from(reader.opened.checkpoint.root), hashes: hashes.map((h) => Buffer.from(h)), checkpoint: { envelope: note } },
  } as unknown as SigstoreEntry;
}

describe('independent verification with @sigstore/verify', () => {
  it('accepts leakproof checkpoints and inclusion proofs', () => {
    for (const index of [0, 1, 96, 97, 255, 256, 500, 776]) {
      const entry = sigstoreEntry(index, reader.inclusionProof(index), reader.entry(index), reader.opened.note);
      const checkpoint = verifyCheckpoint(entry, [authority()]);
      expect(checkpoint.logSize).toBe(777n);
      expect(checkpoint.origin).toBe('ledger.example/independent');
      expect(() => verifyMerkleInclusion(entry, checkpoint)).not.toThrow();
    }
  });

  it('rejects what leakproof would reject: a wrong entry, a bad proof, a forged checkpoint', () => {
    const index = 300;
    const proof = reader.inclusionProof(index);
    const good = sigstoreEntry(index, proof, reader.entry(index), reader.opened.note);
    const checkpoint = verifyCheckpoint(good, [authority()]);
    expect(() => verifyMerkleInclusion(sigstoreEntry(index, proof, reader.entry(index + 1), reader.opened.note), checkpoint)).toThrow();
    const flipped = proof.map((h) => h.slice());
    flipped[2]![0] = (flipped[2]![0] ?? 0) ^ 1;
    expect(() => verifyMerkleInclusion(sigstoreEntry(index, flipped, reader.entry(index), reader.opened.note), checkpoint)).toThrow();
    const forged = reader.opened.note.replace('\n777\n', '\n778\n');
    expect(() => verifyCheckpoint(sigstoreEntry(index, proof, reader.entry(index), forged), [authority()])).toThrow();
  });
});
