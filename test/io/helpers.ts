import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tar from 'tar-stream';
import { zipSync, type ZipAttributes } from 'fflate';
import { LeakproofError } from '../../src/errors.js';
import type { InputEvent } from '../../src/io/input-types.js';

export function tempDir(prefix = 'leakproof-io-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function collect(events: AsyncIterable<InputEvent>): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/** Runs to completion and returns the events, or the LeakproofError that ended it. */
export async function settle(events: AsyncIterable<InputEvent>): Promise<{ events: InputEvent[]; error: LeakproofError | undefined }> {
  const out: InputEvent[] = [];
  try {
    for await (const event of events) out.push(event);
  } catch (error) {
    if (error instanceof LeakproofError) return { events: out, error };
    throw error;
  }
  return { events: out, error: undefined };
}

export function text(event: InputEvent | undefined): string {
  if (event?.kind !== 'file') throw new Error(`expected a file event, got ${JSON.stringify(event)}`);
  return Buffer.from(event.bytes).toString('utf8');
}

export function summary(events: readonly InputEvent[]): string[] {
  return events.map((event) => (event.kind === 'file' ? `file ${event.path}` : `skip ${event.path} ${event.code ?? event.reason}`));
}

export interface TarEntrySpec {
  readonly name: string;
  readonly content?: string | Buffer;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly linkname?: string;
}

export async function makeTar(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    const content = entry.content === undefined ? undefined : Buffer.from(entry.content);
    await new Promise<void>((resolve, reject) => {
      const header = {
        name: entry.name,
        type: entry.type ?? 'file',
        ...(entry.linkname === undefined ? {} : { linkname: entry.linkname }),
        ...(content === undefined ? {} : { size: content.length }),
      };
      const callback = (error?: Error | null): void => (error ? reject(error) : resolve());
      if (content === undefined) pack.entry(header, callback);
      else pack.entry(header, content, callback);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function makeZip(entries: Record<string, string | Uint8Array | [Uint8Array, ZipAttributes]>, level: 0 | 6 = 6): Buffer {
  const input: Record<string, Uint8Array | [Uint8Array, ZipAttributes]> = {};
  for (const [name, value] of Object.entries(entries)) input[name] = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.from(zipSync(input, { level, mtime: new Date('2024-01-01T00:00:00Z') }));
}

export function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Incompressible but reproducible bytes (xorshift32). */
export function noise(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}
