/**
 * Walk+read throughput of readInputs over a directory, against a plain sequential
 * readdir+readFile baseline over the same files. Usage (after `npm run build` or an equivalent
 * tsc into some outDir): node <outDir>/bench/io/throughput.js [DIR]
 */
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readInputs } from '../../src/io/inputs.js';

async function baseline(dir: string): Promise<number> {
  let bytes = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += await baseline(full);
    else if (entry.isFile()) bytes += (await fs.readFile(full)).length;
  }
  return bytes;
}

/** Raw read speed: synchronous readdir+readFile, no sniffing, no ordering machinery. */
function syncBaseline(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) bytes += syncBaseline(full);
    else if (entry.isFile()) bytes += readFileSync(full).length;
  }
  return bytes;
}

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? 'node_modules');
  for (let round = 0; round < 3; round++) {
    let started = performance.now();
    const rawBytes = await baseline(dir);
    const rawMs = performance.now() - started;
    started = performance.now();
    syncBaseline(dir);
    const syncMs = performance.now() - started;

    started = performance.now();
    const cpuBefore = process.cpuUsage();
    let files = 0;
    let skips = 0;
    let bytes = 0;
    for await (const event of readInputs([dir], { cwd: process.cwd(), respectGitignore: false })) {
      if (event.kind === 'file') {
        files++;
        bytes += event.bytes.length;
      } else {
        skips++;
      }
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const mbps = (n: number, t: number): string => (n / 1e6 / (t / 1000)).toFixed(0);
    console.log(
      `round ${round}: readInputs ${files} files + ${skips} skips, ${(bytes / 1e6).toFixed(1)} MB delivered in ${ms.toFixed(0)} ms = ${mbps(bytes, ms)} MB/s ` +
        `(${mbps(rawBytes, ms)} MB/s of raw bytes, ${cpuMs.toFixed(0)} ms CPU); baselines over ${(rawBytes / 1e6).toFixed(1)} MB: async readFile ${mbps(rawBytes, rawMs)} MB/s, readFileSync ${mbps(rawBytes, syncMs)} MB/s`,
    );
  }
}

await main();
