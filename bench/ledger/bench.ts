/**
 * Ledger benchmark: (1) seal hashing throughput against `sha256sum` over the same tree, in one run,
 * alternating the two so both see the same page cache and machine load; (2) durable appends per
 * second in batches (each batch fsynced and covered by a new signed checkpoint before it counts).
 *
 * Run with `node bench/ledger/run.mjs [--mb 256] [--entries 100000]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeAuditEvent } from '../../src/engines/ledger/entries.js';
import { ed25519NoteKey } from '../../src/engines/ledger/note.js';
import { hashArtifact } from '../../src/io/ledger/artifact.js';
import { seal } from '../../src/io/ledger/operations.js';
import { LogWriter } from '../../src/io/ledger/tlog.js';

const { values } = parseArgs({ options: { mb: { type: 'string' }, entries: { type: 'string' }, work: { type: 'string' }, rounds: { type: 'string' } }, strict: true });
const totalMb = Number(values.mb ?? 256);
const entryCount = Number(values.entries ?? 100_000);
const rounds = Number(values.rounds ?? 3);
const work = path.resolve(values.work ?? path.join('bench', '.work', 'ledger'));
const treeDir = path.join(work, 'tree');
const key = ed25519NoteKey('bench.example/log', new Uint8Array(32).fill(3));

/** Deterministic content without spending the benchmark's time in a random generator. */
function makeTree(): { files: number; bytes: number } {
  rmSync(treeDir, { recursive: true, force: true });
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  let bytes = 0;
  let files = 0;
  const target = totalMb * 1024 * 1024;
  // A release-like mix: many small source files, some medium assets, a few large blobs.
  const sizes = [...Array<number>(10).fill(2_000), ...Array<number>(5).fill(9_000), 40_000, 40_000, 40_000, 150_000, 150_000, 600_000, 4_000_000];
  while (bytes < target) {
    const size = sizes[files % sizes.length]!;
    const dir = path.join(treeDir, `d${files % 37}`, `s${files % 5}`);
    mkdirSync(dir, { recursive: true });
    const content = Buffer.alloc(size);
    for (let at = 0; at < size; at += block.length) block.copy(content, at, 0, Math.min(block.length, size - at));
    content.writeUInt32BE(files, 0);
    writeFileSync(path.join(dir, `f${files}.bin`), content);
    bytes += size;
    files++;
  }
  return { files, bytes };
}

function warm(dir: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(d.parentPath, d.name);
    if (d.isDirectory()) warm(p);
    else readFileSync(p);
  }
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeIt(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const { files, bytes } = makeTree();
  warm(treeDir);
  const mb = bytes / 1024 / 1024;
  const sums: number[] = [];
  const ssls: number[] = [];
  const hashes: number[] = [];
  const seals: number[] = [];
  for (let r = 0; r < rounds; r++) {
    sums.push(
      await timeIt(() => {
        const res = spawnSync('sh', ['-c', 'find . -type f -print0 | xargs -0 sha256sum > /dev/null'], { cwd: treeDir });
        if (res.status !== 0) throw new Error(`sha256sum failed: ${res.stderr.toString()}`);
      }),
    );
    ssls.push(
      await timeIt(() => {
        const res = spawnSync('sh', ['-c', 'find . -type f -print0 | xargs -0 openssl dgst -sha256 > /dev/null'], { cwd: treeDir });
        if (res.status !== 0) throw new Error(`openssl failed: ${res.stderr.toString()}`);
      }),
    );
    hashes.push(await timeIt(() => hashArtifact(treeDir)));
    const logDir = path.join(work, `seal-log-${r}`);
    rmSync(logDir, { recursive: true, force: true });
    seals.push(await timeIt(() => seal(treeDir, { logDir, key, exclude: [] })));
  }
  const sum = median(sums);
  const hash = median(hashes);
  const ssl = median(ssls);
  const sealed = median(seals);

  const appendRows: string[] = [];
  const entries = Array.from({ length: entryCount }, (_, i) => encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'bench', action: 'scan.run', object: `repo-${i}`, details: { findings: i % 7 } }));
  for (const batch of [256, 1024, 4096]) {
    const logDir = path.join(work, `append-${batch}`);
    rmSync(logDir, { recursive: true, force: true });
    const writer = await LogWriter.open(logDir, { key, maxBatch: batch });
    const seconds = await timeIt(() => Promise.all(entries.map((e) => writer.append(e))));
    await writer.close();
    appendRows.push(`| ${batch} | ${entryCount} | ${seconds.toFixed(2)} s | ${Math.round(entryCount / seconds).toLocaleString('en-US')} | ${Math.ceil(entryCount / batch)} |`);
  }

  const out = [
    `Tree: ${files} files, ${mb.toFixed(0)} MiB (page cache warm), ${rounds} alternating rounds, medians.`,
    '',
    '| tool | time | MiB/s | relative to sha256sum |',
    '|---|---|---|---|',
    `| sha256sum (find \\| xargs) | ${sum.toFixed(2)} s | ${(mb / sum).toFixed(0)} | 100% |`,
    `| openssl dgst -sha256 (find \\| xargs; SHA-NI) | ${ssl.toFixed(2)} s | ${(mb / ssl).toFixed(0)} | ${((sum / ssl) * 100).toFixed(0)}% |`,
    `| leakproof hashArtifact | ${hash.toFixed(2)} s | ${(mb / hash).toFixed(0)} | ${((sum / hash) * 100).toFixed(0)}% |`,
    `| leakproof seal (hash + durable append + proof + DSSE) | ${sealed.toFixed(2)} s | ${(mb / sealed).toFixed(0)} | ${((sum / sealed) * 100).toFixed(0)}% |`,
    '',
    '| batch | entries | time | durable entries/s | signed checkpoints |',
    '|---|---|---|---|---|',
    ...appendRows,
  ].join('\n');
  process.stdout.write(`${out}\n`);
}

await main();
