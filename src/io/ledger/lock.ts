/**
 * The single-writer lock: an exclusively created `<log>/.lock` naming its owner's pid and host.
 * A lock whose owner process is gone on this host (a writer killed mid-append) is taken over,
 * which is safe because a new writer only trusts the last signed checkpoint.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';

export interface WriterLock {
  release(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireLock(dir: string): Promise<WriterLock> {
  const file = path.join(dir, '.lock');
  const content = `${process.pid}\n${hostname()}\n${randomBytes(8).toString('hex')}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        async release() {
          const now = await readFile(file, 'utf8').catch(() => '');
          if (now === content) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LeakproofError('OUTPUT_FAILED', `cannot create the ledger lock: ${(error as Error).message}`, { where: file });
      }
    }
    const existing = await readFile(file, 'utf8').catch(() => '');
    const [pidText = '', host = ''] = existing.split('\n');
    const pid = Number(pidText);
    const stale = existing !== '' && host === hostname() && Number.isInteger(pid) && pid > 0 && !alive(pid);
    if (!stale) {
      throw new LeakproofError('LEDGER_LOCKED', `another writer holds the ledger lock (pid ${pidText || 'unknown'} on ${host || 'unknown host'}); remove ${file} only if that process is gone`, { where: dir });
    }
    await unlink(file).catch(() => undefined);
  }
  throw new LeakproofError('LEDGER_LOCKED', 'could not take over a stale ledger lock', { where: dir });
}
