/**
 * Crash-safe file replacement: write to a temporary file, fsync it, rename it over the target,
 * then fsync the directories so the rename itself survives a power cut. Readers (and static file
 * servers) therefore only ever see a complete old file or a complete new file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';

export interface PendingFile {
  /** Path relative to the root, `/`-separated. */
  readonly rel: string;
  readonly data: Uint8Array;
}

export const TMP_DIR = '.tmp';

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeSynced(file: string, data: Uint8Array, mode: number): Promise<void> {
  const handle = await open(file, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Creates the directory chain and returns the directories that were newly created (parents first). */
async function ensureDir(root: string, dir: string, created: Set<string>): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  // Every directory from `first` down to `dir` is new: its parent's entry for it must be synced too.
  let d = dir;
  while (d.length >= first.length && d.startsWith(root)) {
    created.add(path.dirname(d));
    d = path.dirname(d);
  }
}

export async function writeDurably(root: string, files: readonly PendingFile[], options: { mode?: number } = {}): Promise<void> {
  if (files.length === 0) return;
  const mode = options.mode ?? 0o644;
  const tmpDir = path.join(root, TMP_DIR);
  const dirsToSync = new Set<string>();
  try {
    await mkdir(tmpDir, { recursive: true });
    const token = randomBytes(6).toString('hex');
    const staged = await Promise.all(
      files.map(async (f, i) => {
        const target = path.join(root, ...f.rel.split('/'));
        const tmp = path.join(tmpDir, `${token}-${i}`);
        await writeSynced(tmp, f.data, mode);
        await ensureDir(root, path.dirname(target), dirsToSync);
        return { tmp, target };
      }),
    );
    for (const { tmp, target } of staged) {
      await rename(tmp, target);
      dirsToSync.add(path.dirname(target));
    }
    await Promise.all([...dirsToSync].map((d) => fsyncPath(d)));
  } catch (error) {
    if (error instanceof LeakproofError) throw error;
    throw new LeakproofError('OUTPUT_FAILED', `cannot write the ledger: ${(error as Error).message}`, { where: root, cause: error });
  }
}

/** Removes temporary files left by a writer that died mid-append (only call while holding the lock). */
export async function clearStaging(root: string): Promise<void> {
  await rm(path.join(root, TMP_DIR), { recursive: true, force: true });
}
