import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAuditEvent } from '../../../src/engines/ledger/entries.js';
import { MemoryTree, leafHash, verifyConsistency, verifyInclusion } from '../../../src/engines/ledger/merkle.js';
import { ed25519NoteKey } from '../../../src/engines/ledger/note.js';
import { CheckpointMemory } from '../../../src/io/ledger/client.js';
import { fsck } from '../../../src/io/ledger/fsck.js';
import { LogReader, LogWriter } from '../../../src/io/ledger/tlog.js';

const key = ed25519NoteKey('test.example/log', new Uint8Array(32).fill(7));
const otherKey = ed25519NoteKey('test.example/log', new Uint8Array(32).fill(8));

function event(i: number): Uint8Array {
  return encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'tester', action: 'append', object: `item-${i}`, details: { i } });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? `crash: ${String(error)}`;
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lp-tlog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function appendAll(writer: LogWriter, from: number, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, i) => writer.append(event(from + i))));
}

describe('tile log', () => {
  it('writes a C2SP tlog-tiles layout whose proofs verify against the signed checkpoint', async () => {
    const logDir = path.join(dir, 'log');
    const writer = await LogWriter.open(logDir, { key, maxBatch: 100 });
    await appendAll(writer, 0, 600);
    const results = await Promise.all([writer.append(event(600)), writer.append(event(601))]);
    expect(results.map((r) => r.index)).toEqual([600, 601]);
    await writer.close();

    const files = (await readdir(path.join(logDir, 'tile'), { recursive: true })).map(String).sort();
    expect(files).toContain(path.join('0', '000'));
    expect(files).toContain(path.join('0', '001'));
    expect(files).toContain(path.join('0', '002.p', '90'));
    expect(files).toContain(path.join('1', '000.p', '2'));
    expect(files).toContain(path.join('entries', '000'));
    expect(files).toContain(path.join('entries', '002.p', '90'));

    const reader = await LogReader.open(logDir, [key.verifier]);
    expect(reader.size).toBe(602);
    const memory = new MemoryTree(Array.from({ length: 602 }, (_, i) => leafHash(event(i))));
    expect(Buffer.from(reader.opened.checkpoint.root)).toEqual(Buffer.from(memory.root()));
    for (const index of [0, 1, 255, 256, 511, 512, 600, 601]) {
      expect(Buffer.from(reader.entry(index))).toEqual(Buffer.from(event(index)));
      verifyInclusion(leafHash(reader.entry(index)), index, 602, reader.inclusionProof(index), reader.opened.checkpoint.root);
    }
    for (const size1 of [1, 100, 256, 300, 512, 601, 602]) {
      verifyConsistency(size1, 602, reader.consistencyProof(size1), memory.root(size1), reader.opened.checkpoint.root);
    }
    const report = await fsck(logDir, { verifiers: [key.verifier] });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reopens and continues the same tree; the old checkpoint is consistent with the new', async () => {
    const logDir = path.join(dir, 'log');
    let writer = await LogWriter.open(logDir, { key });
    await appendAll(writer, 0, 300);
    const oldNote = writer.checkpointNote;
    await writer.close();
    writer = await LogWriter.open(logDir, { key });
    expect(writer.size).toBe(300);
    await appendAll(writer, 300, 10);
    await writer.close();
    const reader = await LogReader.open(logDir, [key.verifier]);
    const memory = new CheckpointMemory(path.join(dir, 'state'), [key.verifier]);
    expect((await memory.accept(oldNote, () => [])).status).toBe('first');
    expect((await memory.accept(reader.opened.note, (a, b) => reader.consistencyProof(a, b))).status).toBe('newer');
    expect((await memory.accept(oldNote, (a, b) => reader.consistencyProof(a, b))).status).toBe('older');
    expect((await memory.accept(reader.opened.note, () => [])).status).toBe('same');
  });

  it('allows one writer at a time and takes over the lock of a dead writer', async () => {
    const logDir = path.join(dir, 'log');
    const writer = await LogWriter.open(logDir, { key });
    expect(await codeOf(LogWriter.open(logDir, { key }))).toBe('LEDGER_LOCKED');
    await writer.close();
    // A lock left by a process that no longer exists.
    await writeFile(path.join(logDir, '.lock'), `999999999\n${(await import('node:os')).hostname()}\nx\n`);
    const again = await LogWriter.open(logDir, { key });
    await again.close();
  });

  it('refuses a wrong key, oversized entries and a forged checkpoint', async () => {
    const logDir = path.join(dir, 'log');
    const writer = await LogWriter.open(logDir, { key });
    await appendAll(writer, 0, 3);
    expect(await codeOf(writer.append(new Uint8Array(70_000)))).toBe('INPUT_TOO_LARGE');
    await writer.close();
    expect(await codeOf(LogWriter.open(logDir, { key: otherKey }))).toBe('SIGNATURE_INVALID');
    expect(await codeOf(LogReader.open(logDir, [otherKey.verifier]))).toBe('SIGNATURE_INVALID');
    const note = await readFile(path.join(logDir, 'checkpoint'), 'utf8');
    await writeFile(path.join(logDir, 'checkpoint'), note.replace('\n3\n', '\n2\n'));
    expect(await codeOf(LogReader.open(logDir, [key.verifier]))).toBe('SIGNATURE_INVALID');
  });

  it('detects a fork: same size, different root, and a newer checkpoint without a valid proof', async () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    const wa = await LogWriter.open(a, { key });
    const wb = await LogWriter.open(b, { key });
    await appendAll(wa, 0, 5);
    await Promise.all([wb.append(event(0)), wb.append(event(1)), wb.append(event(2)), wb.append(event(3)), wb.append(event(99))]);
    await wa.close();
    await wb.close();
    const ra = await LogReader.open(a, [key.verifier]);
    const rb = await LogReader.open(b, [key.verifier]);
    const state = path.join(dir, 'state');
    const memory = new CheckpointMemory(state, [key.verifier], () => new Date('2026-01-01T00:00:00Z'));
    await memory.accept(ra.opened.note, () => []);
    expect(await codeOf(memory.accept(rb.opened.note, () => []))).toBe('LEDGER_FORK');
    const evidence = await readdir(path.join(state, 'forks'));
    expect(evidence).toHaveLength(1);
    const text = await readFile(path.join(state, 'forks', evidence[0]!), 'utf8');
    expect(text).toContain(ra.opened.note);
    expect(text).toContain(rb.opened.note);

    // b grows; a client that saw a's size-5 checkpoint cannot be convinced b's size-6 tree extends it.
    const wb2 = await LogWriter.open(b, { key });
    await wb2.append(event(5));
    await wb2.close();
    const rb2 = await LogReader.open(b, [key.verifier]);
    expect(await codeOf(memory.accept(rb2.opened.note, (x, y) => rb2.consistencyProof(x, y)))).toBe('LEDGER_FORK');
  });

  it('fsck names truncated, edited, missing and stray files', async () => {
    const logDir = path.join(dir, 'log');
    const writer = await LogWriter.open(logDir, { key });
    await appendAll(writer, 0, 300);
    await writer.close();
    const tile = path.join(logDir, 'tile', '0', '000');
    const original = await readFile(tile);
    await writeFile(tile, original.subarray(0, 100));
    let report = await fsck(logDir, { verifiers: [key.verifier] });
    expect(report.problems).toEqual(['tile/0/000: hash tile content is wrong']);
    await writeFile(tile, original);
    await rm(path.join(logDir, 'tile', 'entries', '001.p', '44'));
    report = await fsck(logDir, { verifiers: [key.verifier] });
    expect(report.problems).toEqual(['tile/entries/001.p/44: missing entry bundle']);
    expect((await codeOf(LogReader.open(logDir, [key.verifier]).then((r) => r.entry(299))))).toBe('LEDGER_CORRUPT');
    await mkdir(path.join(logDir, 'tile', 'junk'), { recursive: true });
    await writeFile(path.join(logDir, 'tile', 'junk', 'x'), 'x');
    report = await fsck(logDir, { verifiers: [key.verifier] });
    expect(report.problems).toContain('tile/junk/x: unexpected file in the ledger');
    expect(await stat(logDir)).toBeTruthy();
  });
});
