import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAuditEvent } from '../../../src/engines/ledger/entries.js';
import { rangeHash } from '../../../src/engines/ledger/merkle.js';
import { ed25519NoteKey } from '../../../src/engines/ledger/note.js';
import { fsck } from '../../../src/io/ledger/fsck.js';
import { LogReader, LogWriter } from '../../../src/io/ledger/tlog.js';
import { repoRoot } from '../../engines/ledger/helpers.js';

const seed = new Uint8Array(32).fill(42);
const key = ed25519NoteKey('crash.example/log', seed);
const entry = (i: number): Uint8Array => encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'crash-test', action: 'append', object: `item-${i}`, details: { i } });

let work: string;
let distDir: string;

beforeAll(() => {
  return (async () => {
    work = await mkdtemp(path.join(tmpdir(), 'lp-faults-'));
    distDir = path.join(work, 'dist');
    // Compile just the child and the ledger modules it imports (not the shared dist/ of the whole project).
    execFileSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'),
        '--outDir', distDir, '--rootDir', repoRoot,
        '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node',
        path.join(repoRoot, 'test', 'io', 'ledger', 'crash-writer.ts'),
      ],
      { cwd: repoRoot, stdio: 'pipe' },
    );
  })();
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs the writer child until `ms` after its first acknowledgement, then SIGKILLs it. */
async function runAndKill(logDir: string, ms: number, maxBatch: number): Promise<{ acks: [number, string][]; opened: number | undefined; stderr: string }> {
  const child = spawn(process.execPath, [path.join(distDir, 'test', 'io', 'ledger', 'crash-writer.js'), logDir, Buffer.from(seed).toString('hex'), String(maxBatch)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let firstAck: () => void = () => undefined;
  const acked = new Promise<void>((resolve) => (firstAck = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('ACK ')) firstAck();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await Promise.race([acked, exited, sleep(20_000)]);
  await sleep(ms);
  child.kill('SIGKILL');
  await exited;
  // Only complete lines count: a line cut by the kill was never fully acknowledged.
  const lines = out.split('\n').slice(0, -1);
  const acks = lines.filter((l) => l.startsWith('ACK ')).map((l): [number, string] => [Number(l.split(' ')[1]), l.split(' ')[2]!]);
  const open = lines.find((l) => l.startsWith('OPEN '));
  return { acks, opened: open === undefined ? undefined : Number(open.split(' ')[1]), stderr: err };
}

describe('crash safety', () => {
  it('never loses an acknowledged entry and never forks across many SIGKILLs mid-append', async () => {
    const logDir = path.join(work, 'crash-log');
    const everAcked = new Map<number, string>();
    let maxAcked = 0;
    let interrupted = 0;
    const rounds = 25;
    for (let round = 0; round < rounds; round++) {
      const { acks, opened, stderr } = await runAndKill(logDir, Math.floor(Math.random() * 120), 1 + (round % 5) * 400);
      expect(stderr).toBe('');
      // The restarted writer must start from at least everything acknowledged before.
      if (opened !== undefined) expect(opened).toBeGreaterThanOrEqual(maxAcked);
      for (const [size, root] of acks) {
        const seen = everAcked.get(size);
        if (seen !== undefined) expect(root).toBe(seen);
        everAcked.set(size, root);
        maxAcked = Math.max(maxAcked, size);
      }
      const reader = await LogReader.open(logDir, [key.verifier]);
      expect(reader.size).toBeGreaterThanOrEqual(maxAcked);
      const report = await fsck(logDir, { verifiers: [key.verifier] });
      expect(report.problems).toEqual([]);
      if (report.notes.some((n) => n.includes('interrupted append'))) interrupted++;
    }
    expect(everAcked.size).toBeGreaterThan(rounds);
    // The kills really did land in the middle of appends (leftover staging files or uncommitted tiles).
    expect(interrupted).toBeGreaterThan(0);

    const reader = await LogReader.open(logDir, [key.verifier]);
    const nodes = reader.tiles.nodes(reader.size);
    for (const [size, root] of everAcked) expect(Buffer.from(rangeHash(nodes, 0, size)).toString('base64'), `root at acknowledged size ${size}`).toBe(root);
    for (let i = 0; i < reader.size; i++) expect(Buffer.from(reader.entry(i)).equals(Buffer.from(entry(i)))).toBe(true);
    const report = await fsck(logDir, { verifiers: [key.verifier] });
    expect(report.problems).toEqual([]);
    // And a writer can still take over after the last kill and keep appending.
    const writer = await LogWriter.open(logDir, { key });
    await writer.append(entry(writer.size));
    await writer.close();
  }, 240_000);
});

describe('concurrent writers', () => {
  it('a second writer is refused while another process holds the log, and takes over once it is killed', async () => {
    const logDir = path.join(work, 'concurrent-log');
    const child = spawn(process.execPath, [path.join(distDir, 'test', 'io', 'ledger', 'crash-writer.js'), logDir, Buffer.from(seed).toString('hex'), '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ACK ')) resolve();
      }),
    );
    await expect(LogWriter.open(logDir, { key })).rejects.toMatchObject({ code: 'LEDGER_LOCKED' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    const writer = await LogWriter.open(logDir, { key });
    await writer.append(entry(writer.size));
    await writer.close();
    expect((await fsck(logDir, { verifiers: [key.verifier] })).problems).toEqual([]);
  }, 60_000);
});

describe('tamper evidence', () => {
  it('fsck catches every single flipped byte in every file of a small log', async () => {
    const logDir = path.join(work, 'flip-log');
    const writer = await LogWriter.open(logDir, { key });
    let next = 0;
    for (const count of [3, 4, 2]) await Promise.all(Array.from({ length: count }, () => writer.append(entry(next++))));
    await writer.close();
    expect((await fsck(logDir, { verifiers: [key.verifier] })).ok).toBe(true);

    const files = (await readdir(logDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
    expect(files.length).toBeGreaterThanOrEqual(7);
    let flips = 0;
    for (const file of files) {
      const original = await readFile(file);
      for (let i = 0; i < original.length; i++) {
        const bad = Buffer.from(original);
        bad[i] = (bad[i] ?? 0) ^ 0xff;
        await writeFile(file, bad);
        const report = await fsck(logDir, { verifiers: [key.verifier] });
        expect(report.ok, `${path.relative(logDir, file)} byte ${i}`).toBe(false);
        flips++;
      }
      await writeFile(file, original);
      // Truncation by one byte is caught too.
      await writeFile(file, original.subarray(0, original.length - 1));
      expect((await fsck(logDir, { verifiers: [key.verifier] })).ok).toBe(false);
      await writeFile(file, original);
    }
    expect(flips).toBeGreaterThan(1000);
    expect((await fsck(logDir, { verifiers: [key.verifier] })).ok).toBe(true);
  }, 240_000);
});
