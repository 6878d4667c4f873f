import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { LeakproofError } from '../errors.js';

/**
 * Writes a file so that readers see either the old content or the whole new content, never half:
 * write a temporary sibling, flush it, then rename over the target.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, mode = 0o644): Promise<void> {
  const target = resolve(path);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFile(temp, content, { mode, flush: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new LeakproofError('OUTPUT_FAILED', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
    });
  }
}
