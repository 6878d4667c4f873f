/**
 * Reads tar, tar.gz and zip archives (and archives inside them) from memory, never touching
 * the disk. Every limit is enforced on bytes actually produced, not on what headers claim;
 * headers are only used to refuse early.
 *
 * Error policy: this module throws a LeakproofError for a broken or hostile archive. An archive
 * nested inside another one does not abort its parent: it becomes a `skip` event carrying the
 * error code, so the rest of the parent is still scanned and the CLI can still fail on hostile
 * codes. Whoever calls readArchive decides the same for the outermost archive (inputs.ts throws
 * for archives named on the command line and emits a skip for archives found while walking).
 */
import zlib from 'node:zlib';
import { LeakproofError, type ErrorCode } from '../errors.js';
import { DEFAULT_ARCHIVE_LIMITS, DEFAULT_MAX_FILE_BYTES, type ArchiveLimits, type InputEvent } from './input-types.js';
import { TarReader, concatBytes, type TarEvent, type TarHeader } from './input-tar.js';
import { crc32, inflateCapped, inflateHead, readZipDirectory, zipDataOffset, type ZipDirectory, type ZipEntry } from './input-zip.js';
import { ARCHIVE_HEAD_BYTES, formatBytes, isTarHeader, looksBinary, sniffArchive, transcodeUtf16, utf16Bom } from './sniff.js';

/**
 * A stream that inflates more than BOMB_RATIO times its compressed size is a bomb once it has
 * produced BOMB_MIN_OUTPUT bytes. Source code and text compress 3-10x; a ratio of 250 is only
 * reached by long runs of one byte, which is what bombs are made of.
 */
export const BOMB_RATIO = 250;
export const BOMB_MIN_OUTPUT = 32 * 1024 * 1024;
/** When a size limit is exceeded at this ratio or more, it is reported as a bomb rather than a big archive. */
const BOMB_HINT_RATIO = 100;
const TAR_SLICE = 1024 * 1024;

export interface ArchiveReadOptions {
  readonly limits?: Partial<ArchiveLimits>;
  readonly maxFileBytes?: number;
}

interface ArchiveContext {
  readonly limits: ArchiveLimits;
  readonly maxFileBytes: number;
  /** Shared by all nesting levels, so a nested archive cannot multiply the budget. */
  entries: number;
  inflated: number;
}

type ArchiveKind = 'gzip' | 'zip' | 'tar';

/**
 * Errors about the shared budget (total bytes, entry count) belong to the outermost archive:
 * downgrading them to a skip of the nested archive that happened to cross the line would let the
 * parent go on as if it were within limits.
 */
const budgetErrors = new WeakSet<LeakproofError>();

function budgetError(error: LeakproofError): LeakproofError {
  budgetErrors.add(error);
  return error;
}

/** Events for every entry of the archive in `bytes`, whose display path is `path`. Throws LeakproofError. */
export async function* readArchive(bytes: Uint8Array, path: string, options: ArchiveReadOptions = {}): AsyncGenerator<InputEvent> {
  const kind = sniffArchive(bytes);
  if (kind === undefined) throw new LeakproofError('ARCHIVE_CORRUPT', 'not a tar, gzip or zip archive', { where: path });
  const context: ArchiveContext = {
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits },
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    entries: 0,
    inflated: 0,
  };
  yield* readKind(bytes, path, kind, 1, context);
}

/** The event for content that is not an archive: a file to scan, or why it is skipped. */
export function contentEvent(bytes: Uint8Array, path: string, maxFileBytes: number): InputEvent {
  if (bytes.length > maxFileBytes) return tooLarge(path, bytes.length, maxFileBytes);
  const utf16 = utf16Bom(bytes);
  if (utf16 !== undefined) return { kind: 'file', path, bytes: transcodeUtf16(bytes, utf16), transcodedFrom: utf16 };
  if (looksBinary(bytes)) return { kind: 'skip', path, reason: 'binary' };
  return { kind: 'file', path, bytes };
}

export function tooLarge(path: string, size: number, maxFileBytes: number): InputEvent {
  return {
    kind: 'skip',
    path,
    reason: `too large (${formatBytes(size)}, limit ${formatBytes(maxFileBytes)})`,
    code: 'INPUT_TOO_LARGE',
  };
}

export function skipForError(path: string, error: LeakproofError): InputEvent {
  return { kind: 'skip', path, reason: error.oneLine(), code: error.code };
}

function readKind(bytes: Uint8Array, path: string, kind: ArchiveKind, depth: number, context: ArchiveContext): AsyncGenerator<InputEvent> {
  switch (kind) {
    case 'gzip':
      return readGzip(bytes, path, depth, context);
    case 'zip':
      return readZip(bytes, path, depth, context);
    case 'tar':
      return readTar(slices(bytes), path, depth, context, undefined);
  }
}

async function* memberEvents(bytes: Uint8Array, path: string, depth: number, context: ArchiveContext): AsyncGenerator<InputEvent> {
  const kind = sniffArchive(bytes);
  if (kind === undefined) {
    yield contentEvent(bytes, path, context.maxFileBytes);
    return;
  }
  if (depth >= context.limits.maxDepth) {
    yield { kind: 'skip', path, reason: `archive nested more than ${context.limits.maxDepth} levels deep`, code: 'ARCHIVE_LIMIT' };
    return;
  }
  try {
    yield* readKind(bytes, path, kind, depth + 1, context);
  } catch (error) {
    if (!(error instanceof LeakproofError) || budgetErrors.has(error)) throw error;
    yield skipForError(path, error);
  }
}

// ---------------------------------------------------------------------------------------------
// gzip

async function* readGzip(bytes: Uint8Array, path: string, depth: number, context: ArchiveContext): AsyncGenerator<InputEvent> {
  const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
  gunzip.end(bytes);
  let produced = 0;
  async function* inflated(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        produced += chunk.length;
        context.inflated += chunk.length;
        const consumed = Math.max(1, gunzip.bytesWritten);
        if (context.inflated > context.limits.maxTotalBytes) {
          throw budgetError(overLimit(`decompresses to more than the total limit of ${formatBytes(context.limits.maxTotalBytes)}`, produced, consumed, path));
        }
        if (produced > BOMB_MIN_OUTPUT && produced / consumed > BOMB_RATIO) {
          throw new LeakproofError('ARCHIVE_BOMB', `gzip expands more than ${BOMB_RATIO}:1 (${formatBytes(produced)} from ${formatBytes(consumed)})`, { where: path });
        }
        yield chunk;
      }
    } catch (error) {
      if (error instanceof LeakproofError) throw error;
      throw new LeakproofError('ARCHIVE_CORRUPT', `gzip data is corrupt or truncated (${zlibMessage(error)})`, { where: path, cause: error });
    } finally {
      gunzip.destroy();
    }
  }

  const stream = inflated();
  // Decide between tar.gz and a plain gzipped file from the first decompressed block.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let done = false;
  while (headLength < ARCHIVE_HEAD_BYTES) {
    const next = await stream.next();
    if (next.done === true) {
      done = true;
      break;
    }
    head.push(next.value);
    headLength += next.value.length;
  }
  const first = concatBytes(head, headLength);
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    if (first.length > 0) yield first;
    if (!done) yield* stream;
  };
  if (isTarHeader(first)) {
    yield* readTar(rest(), path, depth, context, bytes.length);
    return;
  }

  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of rest()) {
    size += chunk.length;
    if (size > context.limits.maxEntryBytes) {
      throw overLimit(`decompresses to more than the per-entry limit of ${formatBytes(context.limits.maxEntryBytes)}`, size, bytes.length, path);
    }
    parts.push(chunk);
  }
  yield* memberEvents(concatBytes(parts, size), `${path}!${gunzippedName(path)}`, depth, context);
}

function gunzippedName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  if (/\.tgz$/i.test(base)) return `${base.slice(0, -4)}.tar`;
  if (/\.gz$/i.test(base) && base.length > 3) return base.slice(0, -3);
  return base;
}

function zlibMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// tar

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += TAR_SLICE) yield bytes.subarray(at, at + TAR_SLICE);
}

type EntryMode = 'collect' | 'head' | 'drain';

interface OpenEntry {
  readonly path: string;
  readonly header: TarHeader;
  mode: EntryMode;
  parts: Uint8Array[];
  length: number;
  skip: InputEvent | undefined;
}

async function* readTar(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  path: string,
  depth: number,
  context: ArchiveContext,
  compressedSize: number | undefined,
): AsyncGenerator<InputEvent> {
  const reader = new TarReader(path);
  const events: TarEvent[] = [];
  let open: OpenEntry | undefined;
  for await (const chunk of source) {
    reader.push(chunk, events);
    const batch = events.splice(0);
    for (const event of batch) {
      switch (event.kind) {
        case 'entry':
          open = openTarEntry(event.header, path, context, compressedSize);
          break;
        case 'data':
          if (open !== undefined) takeData(open, event.chunk, context);
          break;
        case 'entry-end':
          if (open !== undefined) {
            const entry = open;
            open = undefined;
            yield* closeTarEntry(entry, depth, context);
          }
          break;
      }
    }
    if (reader.ended) return;
  }
  reader.finish();
}

function openTarEntry(header: TarHeader, archivePath: string, context: ArchiveContext, compressedSize: number | undefined): OpenEntry {
  countEntry(context, archivePath);
  const entryPath = entryDisplayPath(header.name, archivePath, header.type === 'directory');
  const entry: OpenEntry = { path: entryPath, header, mode: 'drain', parts: [], length: 0, skip: undefined };
  switch (header.type) {
    case 'file':
      if (header.size > context.limits.maxEntryBytes) {
        throw overLimit(`entry of ${formatBytes(header.size)} exceeds the per-entry limit of ${formatBytes(context.limits.maxEntryBytes)}`, header.size, compressedSize, entryPath);
      }
      entry.mode = header.size > context.maxFileBytes ? 'head' : 'collect';
      break;
    case 'directory':
      break;
    case 'symlink':
      entry.skip = { kind: 'skip', path: entryPath, reason: 'symlink entry (not followed)' };
      break;
    case 'hardlink':
      entry.skip = { kind: 'skip', path: entryPath, reason: 'hard link entry (not followed)' };
      break;
    case 'character-device':
    case 'block-device':
    case 'fifo':
      entry.skip = { kind: 'skip', path: entryPath, reason: `${header.type} entry (not a regular file)` };
      break;
    case 'unsupported':
      entry.skip = { kind: 'skip', path: entryPath, reason: `unsupported tar entry type '${printable(header.typeflag)}'` };
      break;
  }
  return entry;
}

function takeData(entry: OpenEntry, chunk: Uint8Array, context: ArchiveContext): void {
  if (entry.mode === 'drain') return;
  entry.parts.push(chunk);
  entry.length += chunk.length;
  // Over maxFileBytes we only keep the head, and keep the rest only if the entry is an archive.
  if (entry.mode === 'head' && entry.length >= ARCHIVE_HEAD_BYTES) {
    if (sniffArchive(concatBytes(entry.parts, entry.length)) !== undefined) {
      entry.mode = 'collect';
    } else {
      entry.mode = 'drain';
      entry.parts = [];
      entry.skip = tooLarge(entry.path, entry.header.size, context.maxFileBytes);
    }
  }
}

async function* closeTarEntry(entry: OpenEntry, depth: number, context: ArchiveContext): AsyncGenerator<InputEvent> {
  if (entry.skip !== undefined) {
    yield entry.skip;
    return;
  }
  if (entry.header.type !== 'file') return;
  yield* memberEvents(concatBytes(entry.parts, entry.length), entry.path, depth, context);
}

// ---------------------------------------------------------------------------------------------
// zip

async function* readZip(bytes: Uint8Array, path: string, depth: number, context: ArchiveContext): AsyncGenerator<InputEvent> {
  let directory: ZipDirectory;
  try {
    directory = readZipDirectory(bytes, path, context.limits.maxEntries - context.entries);
  } catch (error) {
    if (error instanceof LeakproofError && error.code === 'ARCHIVE_LIMIT') throw budgetError(error);
    throw error;
  }
  for (const entry of directory.entries) {
    countEntry(context, path);
    const entryPath = entryDisplayPath(entry.name, path, entry.isDirectory);
    if (entry.isDirectory) continue;
    if (entry.isSymlink) {
      yield { kind: 'skip', path: entryPath, reason: 'symlink entry (not followed)' };
      continue;
    }
    if (entry.encrypted) {
      yield { kind: 'skip', path: entryPath, reason: 'encrypted entry' };
      continue;
    }
    if (entry.method !== 0 && entry.method !== 8) {
      yield { kind: 'skip', path: entryPath, reason: `unsupported zip compression method ${entry.method}` };
      continue;
    }
    const content = zipEntryContent(bytes, entry, entryPath, context);
    if (content === undefined) {
      yield tooLarge(entryPath, entry.uncompressedSize, context.maxFileBytes);
      continue;
    }
    yield* memberEvents(content, entryPath, depth, context);
  }
}

/** The entry's bytes, or undefined when it is too large to scan and not an archive. */
function zipEntryContent(bytes: Uint8Array, entry: ZipEntry, where: string, context: ArchiveContext): Uint8Array | undefined {
  const declared = entry.uncompressedSize;
  const { limits } = context;
  if (declared > limits.maxEntryBytes) {
    throw overLimit(`entry declares ${formatBytes(declared)}, over the per-entry limit of ${formatBytes(limits.maxEntryBytes)}`, declared, entry.compressedSize, where);
  }
  if (context.inflated + declared > limits.maxTotalBytes) {
    throw budgetError(
      overLimit(`entries declare more than the total limit of ${formatBytes(limits.maxTotalBytes)}`, context.inflated + declared, entry.compressedSize, where),
    );
  }
  if (declared > BOMB_MIN_OUTPUT && declared / Math.max(1, entry.compressedSize) > BOMB_RATIO) {
    throw new LeakproofError('ARCHIVE_BOMB', `entry expands more than ${BOMB_RATIO}:1 (${formatBytes(declared)} from ${formatBytes(entry.compressedSize)})`, { where });
  }
  const start = zipDataOffset(bytes, entry, where);
  const compressed = bytes.subarray(start, start + entry.compressedSize);

  if (declared > context.maxFileBytes) {
    const head = entry.method === 0 ? compressed.subarray(0, ARCHIVE_HEAD_BYTES) : inflateHead(compressed, ARCHIVE_HEAD_BYTES);
    if (head !== undefined && sniffArchive(head) === undefined) return undefined;
  }

  let content: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== declared) throw new LeakproofError('ARCHIVE_CORRUPT', 'stored entry sizes disagree', { where });
    content = compressed;
  } else {
    const result = inflateCapped(compressed, declared);
    if (result === 'oversize') {
      throw new LeakproofError('ARCHIVE_BOMB', `entry inflates to more than its declared ${formatBytes(declared)}`, { where });
    }
    if (result === 'corrupt') throw new LeakproofError('ARCHIVE_CORRUPT', 'entry data is corrupt or truncated', { where });
    if (result.length !== declared) {
      throw new LeakproofError('ARCHIVE_CORRUPT', `entry inflates to ${result.length} bytes, not the declared ${declared}`, { where });
    }
    content = result;
  }
  if (crc32(content) !== entry.crc32) throw new LeakproofError('ARCHIVE_CORRUPT', 'entry CRC-32 does not match its data', { where });
  context.inflated += content.length;
  return content;
}

// ---------------------------------------------------------------------------------------------
// shared checks

function countEntry(context: ArchiveContext, where: string): void {
  context.entries++;
  if (context.entries > context.limits.maxEntries) {
    throw budgetError(new LeakproofError('ARCHIVE_LIMIT', `more than ${context.limits.maxEntries} entries`, { where }));
  }
}

function overLimit(message: string, size: number, compressedSize: number | undefined, where: string): LeakproofError {
  const code: ErrorCode =
    compressedSize !== undefined && size / Math.max(1, compressedSize) >= BOMB_HINT_RATIO ? 'ARCHIVE_BOMB' : 'ARCHIVE_LIMIT';
  return new LeakproofError(code, message, { where });
}

/**
 * The display path of an entry, after refusing names that would escape an extraction directory.
 * We never extract, but such names only come from hostile or broken tools, and tolerating them
 * would let a package hide files from reviewers who do extract it.
 */
export function entryDisplayPath(rawName: string, archivePath: string, isDirectory: boolean): string {
  const unified = rawName.replace(/\\/g, '/');
  const shown = `${archivePath}!${printable(unified)}`;
  if (rawName.includes('\0')) throw new LeakproofError('ARCHIVE_CORRUPT', 'entry name contains a NUL byte', { where: shown });
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified)) {
    throw new LeakproofError('ARCHIVE_TRAVERSAL', 'entry has an absolute path', { where: shown });
  }
  const segments = unified.split('/');
  if (segments.includes('..')) throw new LeakproofError('ARCHIVE_TRAVERSAL', 'entry path escapes the archive with ".."', { where: shown });
  const normalized = segments.filter((segment) => segment !== '' && segment !== '.').join('/');
  if (normalized === '' && !isDirectory) throw new LeakproofError('ARCHIVE_CORRUPT', 'entry has an empty name', { where: shown });
  return `${archivePath}!${printable(normalized)}`;
}

/** Control characters in names would break one-line output; show them escaped. */
function printable(text: string): string {
  return text.replace(/[\x00-\x1f\x7f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
