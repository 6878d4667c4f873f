/**
 * Turns scan targets (directories, files, archives, `-` for standard input) into an ordered
 * stream of file contents for the secret scanner.
 *
 * Order is deterministic: targets in the order given, directory entries sorted by name, archive
 * entries in archive order. Reads run ahead of the consumer with bounded concurrency, but
 * results are delivered in walk order.
 *
 * Error policy: a problem with something the user named (missing target, unreadable file,
 * corrupt or hostile archive given directly or on stdin) throws a LeakproofError, which the CLI
 * turns into exit 2. A problem with something we found ourselves (a file in a walked directory, an
 * archive discovered there, an archive inside an archive) becomes a `skip` event with a reason and,
 * for errors, a code; the scan goes on and the CLI decides how loud to be.
 */
import {
  closeSync,
  constants as fsConstants,
  createReadStream,
  fstat as fstatCallback,
  openSync,
  promises as fs,
  read as readCallback,
  readSync,
  type Stats,
} from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Ignore } from 'ignore';
import { LeakproofError } from '../errors.js';
import { contentEvent, readArchive, skipForError, tooLarge } from './archive.js';
import { concatBytes } from './input-tar.js';
import { DEFAULT_ARCHIVE_LIMITS, DEFAULT_MAX_FILE_BYTES, type ArchiveLimits, type InputEvent } from './input-types.js';
import { ARCHIVE_HEAD_BYTES, formatBytes, hasBinaryExtension, looksBinary, sniffArchive } from './sniff.js';
import { compileExcludes, errorCode, walkDirectory, type WalkItem } from './walk.js';

export type { ArchiveLimits, InputEvent } from './input-types.js';
export { DEFAULT_ARCHIVE_LIMITS, DEFAULT_MAX_FILE_BYTES } from './input-types.js';
export { formatBytes, sniffKind, type SniffKind } from './sniff.js';
export { readArchive } from './archive.js';

export interface InputOptions {
  readonly cwd: string;
  /** Gitignore-style patterns from config, relative to each walked root. Not applied inside archives. */
  readonly excludes?: readonly string[];
  /** Default true: honour .gitignore files (nested, with negations) and .git/info/exclude. `.git/` is always skipped. */
  readonly respectGitignore?: boolean;
  /** Default 64 MiB. Larger files are skipped (INPUT_TOO_LARGE) unless they are archives. */
  readonly maxFileBytes?: number;
  readonly archives?: Partial<ArchiveLimits>;
  readonly stdin?: NodeJS.ReadableStream;
  /** Default false. When true, loops are reported as SYMLINK_LOOP skips. */
  readonly followSymlinks?: boolean;
  /** Files read ahead of the consumer; default 16. */
  readonly readAhead?: number;
}

interface Settings {
  readonly cwd: string;
  readonly excludes: Ignore | undefined;
  readonly respectGitignore: boolean;
  readonly followSymlinks: boolean;
  readonly maxFileBytes: number;
  readonly limits: ArchiveLimits;
  readonly readAhead: number;
  readonly stdin: NodeJS.ReadableStream | undefined;
}

export async function* readInputs(targets: readonly string[], options: InputOptions): AsyncGenerator<InputEvent> {
  const settings = settle(options);
  const seen = new Set<string>();
  for (const target of targets) {
    const key = target === '-' ? '-' : path.resolve(settings.cwd, target);
    if (seen.has(key)) continue;
    seen.add(key);
    if (target === '-') {
      yield* readStdin(settings);
      continue;
    }
    yield* readTarget(target, key, settings);
  }
}

function settle(options: InputOptions): Settings {
  const limits: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...options.archives };
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const readAhead = options.readAhead ?? 16;
  for (const [name, value] of [
    ['maxFileBytes', maxFileBytes],
    ['readAhead', readAhead],
    ['archives.maxEntries', limits.maxEntries],
    ['archives.maxTotalBytes', limits.maxTotalBytes],
    ['archives.maxEntryBytes', limits.maxEntryBytes],
    ['archives.maxDepth', limits.maxDepth],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new LeakproofError('USAGE', `${name} must be a positive integer, got ${String(value)}`);
  }
  let excludes: Ignore | undefined;
  if (options.excludes !== undefined && options.excludes.length > 0) {
    try {
      excludes = compileExcludes(options.excludes);
    } catch (error) {
      throw new LeakproofError('CONFIG_INVALID', `invalid exclude pattern (${error instanceof Error ? error.message : String(error)})`, {
        where: 'excludes',
        cause: error,
      });
    }
  }
  return {
    cwd: path.resolve(options.cwd),
    excludes,
    respectGitignore: options.respectGitignore ?? true,
    followSymlinks: options.followSymlinks ?? false,
    maxFileBytes,
    limits,
    readAhead,
    stdin: options.stdin,
  };
}

/** Relative to cwd when the target is inside it, otherwise as the user wrote it. Always `/` separators. */
export function displayPath(target: string, absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const inside = relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  const shown = (inside ? relative : target).split(path.sep).join('/');
  return shown.length > 1 ? shown.replace(/\/+$/, '') : shown;
}

async function* readTarget(target: string, absolute: string, settings: Settings): AsyncGenerator<InputEvent> {
  const display = displayPath(target, absolute, settings.cwd);
  let stats: Stats;
  try {
    stats = await fs.stat(absolute);
  } catch (error) {
    throw targetError(error, display === '' ? target : display);
  }
  if (stats.isDirectory()) {
    yield* readDirectory(absolute, display, settings);
    return;
  }
  const shown = display === '' ? target : display;
  let loaded: Loaded;
  if (stats.isFile()) {
    loaded = await loadFile(absolute, shown, settings, false);
  } else {
    // A pipe or device named explicitly, e.g. process substitution `<(…)`: read it as a stream.
    loaded = await loadStream(createReadStream(absolute), shown, settings);
  }
  if (loaded.kind === 'error') throw loaded.error;
  if (loaded.kind === 'event') {
    yield loaded.event;
    return;
  }
  yield* contentEvents(loaded.bytes, shown, settings, 'throw');
}

function targetError(error: unknown, shown: string): LeakproofError {
  const code = errorCode(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new LeakproofError('INPUT_NOT_FOUND', 'no such file or directory', { where: shown, cause: error });
  if (code === 'ELOOP') return new LeakproofError('SYMLINK_LOOP', 'symlink loop', { where: shown, cause: error });
  return new LeakproofError('INPUT_UNREADABLE', `cannot read (${code})`, { where: shown, cause: error });
}

async function* readDirectory(absolute: string, display: string, settings: Settings): AsyncGenerator<InputEvent> {
  const walk = walkDirectory(absolute, display, {
    excludes: settings.excludes,
    respectGitignore: settings.respectGitignore,
    followSymlinks: settings.followSymlinks,
  });
  const loads = mapOrdered(walk, settings.readAhead, (item: WalkItem): Promise<Loaded> => {
    if (item.kind === 'skip') return Promise.resolve({ kind: 'event', event: item });
    return loadFile(item.absolutePath, item.path, settings, hasBinaryExtension(item.path));
  });
  for await (const loaded of loads) {
    switch (loaded.kind) {
      case 'event':
        yield loaded.event;
        break;
      case 'error':
        yield skipForError(loaded.path, loaded.error);
        break;
      case 'bytes':
        yield* contentEvents(loaded.bytes, loaded.path, settings, 'skip');
        break;
    }
  }
}

async function* contentEvents(bytes: Uint8Array, display: string, settings: Settings, onArchiveError: 'throw' | 'skip'): AsyncGenerator<InputEvent> {
  if (sniffArchive(bytes) === undefined) {
    yield contentEvent(bytes, display, settings.maxFileBytes);
    return;
  }
  try {
    yield* readArchive(bytes, display, { limits: settings.limits, maxFileBytes: settings.maxFileBytes });
  } catch (error) {
    if (onArchiveError === 'throw' || !(error instanceof LeakproofError)) throw error;
    yield skipForError(display, error);
  }
}

type Loaded =
  | { readonly kind: 'bytes'; readonly path: string; readonly bytes: Uint8Array }
  | { readonly kind: 'event'; readonly event: InputEvent }
  | { readonly kind: 'error'; readonly path: string; readonly error: LeakproofError };

/** Most source files fit: one read call, no fstat. */
const FIRST_READ_BYTES = 64 * 1024;
/** Opening a FIFO that replaced a file after the walk saw it must not block the scan. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);
const scratch = Buffer.allocUnsafe(FIRST_READ_BYTES);

/**
 * Reads a file for scanning. Never rejects: failures come back as values, because these promises
 * wait in the read-ahead queue and must not surface as unhandled rejections.
 *
 * The open and the first read are synchronous. With the page cache warm (a fresh checkout, a
 * tree git just touched) they take microseconds, while a round trip through libuv's thread pool
 * costs more than the read itself: on this repo's node_modules the synchronous first read used
 * a fifth of the CPU of FileHandle reads. A short first read is the whole file, so most files
 * cost open+read+close and nothing else. Only the rest of files larger than the first block is
 * read asynchronously, and those reads overlap through the read-ahead queue.
 *
 * Files over maxFileBytes, and files whose extension says binary, are judged by the first
 * block: an archive in disguise is still opened, anything else is skipped without reading on.
 */
async function loadFile(absolute: string, display: string, settings: Settings, binaryExtension: boolean): Promise<Loaded> {
  let fd: number;
  try {
    fd = openSync(absolute, OPEN_FLAGS);
  } catch (error) {
    return { kind: 'error', path: display, error: targetError(error, display) };
  }
  try {
    // The scratch block is shared: nothing can interleave between this synchronous read and the
    // copy below, and one buffer instead of one per file keeps the garbage collector quiet.
    const bytesRead = readSync(fd, scratch, 0, FIRST_READ_BYTES, 0);
    const head = scratch.subarray(0, bytesRead);
    const archive = sniffArchive(head) !== undefined;
    if (binaryExtension && !archive && looksBinary(head)) {
      return { kind: 'event', event: { kind: 'skip', path: display, reason: 'binary' } };
    }
    if (bytesRead < FIRST_READ_BYTES) {
      if (bytesRead > settings.maxFileBytes && !archive) return { kind: 'event', event: tooLarge(display, bytesRead, settings.maxFileBytes) };
      return { kind: 'bytes', path: display, bytes: Uint8Array.prototype.slice.call(head) };
    }
    const first = Buffer.from(head);
    const stats = await fstat(fd);
    if (!stats.isFile()) return { kind: 'event', event: { kind: 'skip', path: display, reason: 'not a regular file' } };
    const size = stats.size;
    const limit = archive ? settings.limits.maxEntryBytes : settings.maxFileBytes;
    if (size > limit) {
      if (!archive) return { kind: 'event', event: tooLarge(display, size, settings.maxFileBytes) };
      const error = new LeakproofError('ARCHIVE_LIMIT', `archive of ${formatBytes(size)} exceeds the per-entry limit of ${formatBytes(limit)}`, {
        where: display,
      });
      return { kind: 'error', path: display, error };
    }
    const whole = Buffer.allocUnsafe(Math.max(size, bytesRead));
    first.copy(whole, 0, 0, bytesRead);
    return { kind: 'bytes', path: display, bytes: await fillFrom(fd, whole, bytesRead) };
  } catch (error) {
    return { kind: 'error', path: display, error: targetError(error, display) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing useful to do: the content, or the reason we have none, is already decided
    }
  }
}

const fstat = promisify(fstatCallback);
const readAt = promisify(readCallback);

/** Fills `buffer` from offset `filled` on; stops early if the file shrank since it was measured. */
async function fillFrom(fd: number, buffer: Buffer, filled: number): Promise<Uint8Array> {
  const limit = buffer.length;
  while (filled < limit) {
    const { bytesRead } = await readAt(fd, buffer, filled, limit - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === limit ? buffer : buffer.subarray(0, filled);
}

/**
 * Reads a stream (stdin, a pipe) up to maxFileBytes, or up to the archive entry limit when it
 * starts like an archive. Reading stops at the cap; the rest is left unread.
 */
async function loadStream(stream: NodeJS.ReadableStream, display: string, settings: Settings): Promise<Loaded> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let cap = settings.maxFileBytes;
  let decided = false;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      parts.push(bytes);
      length += bytes.length;
      if (!decided && length >= ARCHIVE_HEAD_BYTES) {
        decided = true;
        if (sniffArchive(concatBytes(parts, length)) !== undefined) cap = settings.limits.maxEntryBytes;
      }
      if (length > cap) {
        if (cap === settings.maxFileBytes) return { kind: 'event', event: tooLarge(display, length, settings.maxFileBytes) };
        const error = new LeakproofError('ARCHIVE_LIMIT', `archive exceeds the per-entry limit of ${cap} bytes`, { where: display });
        return { kind: 'error', path: display, error };
      }
    }
  } catch (error) {
    return { kind: 'error', path: display, error: targetError(error, display) };
  } finally {
    (stream as { destroy?: () => void }).destroy?.();
  }
  return { kind: 'bytes', path: display, bytes: concatBytes(parts, length) };
}

async function* readStdin(settings: Settings): AsyncGenerator<InputEvent> {
  if (settings.stdin === undefined) throw new LeakproofError('INPUT_NOT_FOUND', 'standard input is not available', { where: '-' });
  const loaded = await loadStream(settings.stdin, '-', settings);
  if (loaded.kind === 'error') throw loaded.error;
  if (loaded.kind === 'event') {
    yield loaded.event;
    return;
  }
  yield* contentEvents(loaded.bytes, '-', settings, 'throw');
}

/**
 * Runs `task` on up to `concurrency` items ahead of the consumer and yields results in source
 * order. Tasks must not reject (see loadFile).
 */
export async function* mapOrdered<T, R>(source: AsyncIterable<T>, concurrency: number, task: (item: T) => Promise<R>): AsyncGenerator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const pending: Promise<R>[] = [];
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && pending.length < concurrency) {
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          break;
        }
        pending.push(task(next.value));
      }
      const head = pending.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    await iterator.return?.(undefined);
  }
}
