/**
 * Zip reading from bytes in memory, driven by the central directory (as unzip and every
 * mainstream reader do). Nothing in the file is trusted: every offset and length is bounds
 * checked, entries whose data overlaps another entry's header are rejected (the overlapping-file
 * zip bomb), and inflation is capped at the declared size so a lying header cannot make us
 * produce more than the limits allowed before we started.
 */
import zlib from 'node:zlib';
import { Inflate } from 'fflate';
import { LeakproofError } from '../errors.js';
import { concatBytes } from './input-tar.js';

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
  readonly isDirectory: boolean;
  readonly isSymlink: boolean;
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads the central directory. `maxEntries` is checked against the declared count before any
 * entry is parsed, so a directory claiming millions of entries costs nothing.
 */
export function readZipDirectory(bytes: Uint8Array, where: string, maxEntries: number): ZipDirectory {
  const corrupt = (message: string): LeakproofError => new LeakproofError('ARCHIVE_CORRUPT', message, { where });
  const data = view(bytes);
  const eocd = findEocd(bytes, data);
  if (eocd < 0) throw corrupt('zip end-of-central-directory record not found (truncated or not a zip)');

  let diskNumber = data.getUint16(eocd + 4, true);
  let centralDisk = data.getUint16(eocd + 6, true);
  let count = data.getUint16(eocd + 10, true);
  let centralSize = data.getUint32(eocd + 12, true);
  let centralOffset = data.getUint32(eocd + 16, true);

  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || data.getUint32(locator, true) !== EOCD64_LOCATOR_SIGNATURE) throw corrupt('zip64 locator missing');
    const eocd64 = safeNumber(data.getBigUint64(locator + 8, true), corrupt);
    if (eocd64 + 56 > bytes.length || data.getUint32(eocd64, true) !== EOCD64_SIGNATURE) throw corrupt('zip64 end-of-central-directory record missing');
    diskNumber = data.getUint32(eocd64 + 16, true);
    centralDisk = data.getUint32(eocd64 + 20, true);
    count = safeNumber(data.getBigUint64(eocd64 + 32, true), corrupt);
    centralSize = safeNumber(data.getBigUint64(eocd64 + 40, true), corrupt);
    centralOffset = safeNumber(data.getBigUint64(eocd64 + 48, true), corrupt);
  }
  if (diskNumber !== 0 || centralDisk !== 0) throw corrupt('multi-volume zip archives are not supported');
  if (count > maxEntries) {
    throw new LeakproofError('ARCHIVE_LIMIT', `zip declares ${count} entries, more than the limit of ${maxEntries}`, { where });
  }
  if (centralOffset + centralSize > bytes.length) throw corrupt('zip central directory lies outside the file');

  const entries: ZipEntry[] = [];
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || data.getUint32(at, true) !== CENTRAL_SIGNATURE) throw corrupt(`zip central directory entry ${i} is malformed`);
    const madeBy = data.getUint16(at + 4, true);
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const crc32 = data.getUint32(at + 16, true);
    let compressedSize = data.getUint32(at + 20, true);
    let uncompressedSize = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const externalAttributes = data.getUint32(at + 38, true);
    let localHeaderOffset = data.getUint32(at + 42, true);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > bytes.length) throw corrupt(`zip central directory entry ${i} is truncated`);
    const name = utf8.decode(bytes.subarray(nameStart, extraStart));

    // Zip64 extended information: only the fields whose 32-bit value is saturated are present, in this order.
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const zip64 = findExtra(bytes, data, extraStart, extraLength, 0x0001);
      if (zip64 === undefined) throw corrupt(`zip entry "${name}" lacks its zip64 sizes`);
      let field = zip64.start;
      const read = (): number => {
        if (field + 8 > zip64.end) throw corrupt(`zip entry "${name}" has a short zip64 field`);
        const value = safeNumber(data.getBigUint64(field, true), corrupt);
        field += 8;
        return value;
      };
      if (uncompressedSize === 0xffffffff) uncompressedSize = read();
      if (compressedSize === 0xffffffff) compressedSize = read();
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = read();
    }

    const unixMode = madeBy >> 8 === 3 ? externalAttributes >>> 16 : 0;
    const fileType = unixMode & 0o170000;
    entries.push({
      name,
      method,
      encrypted: (flags & 0x1) !== 0,
      crc32,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      isDirectory: name.endsWith('/') || fileType === 0o040000 || (madeBy >> 8 === 0 && (externalAttributes & 0x10) !== 0),
      isSymlink: fileType === 0o120000,
    });
    at = next;
  }
  rejectOverlaps(entries, bytes, data, centralOffset, where);
  return { entries };
}

function findEocd(bytes: Uint8Array, data: DataView): number {
  const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
    if (data.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

function findExtra(bytes: Uint8Array, data: DataView, start: number, length: number, id: number): { start: number; end: number } | undefined {
  let at = start;
  const end = Math.min(start + length, bytes.length);
  while (at + 4 <= end) {
    const fieldId = data.getUint16(at, true);
    const fieldLength = data.getUint16(at + 2, true);
    if (at + 4 + fieldLength > end) return undefined;
    if (fieldId === id) return { start: at + 4, end: at + 4 + fieldLength };
    at += 4 + fieldLength;
  }
  return undefined;
}

function safeNumber(value: bigint, corrupt: (message: string) => Error): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('zip64 value out of range');
  return Number(value);
}

/** Where an entry's compressed data starts, read from its local header. */
export function zipDataOffset(bytes: Uint8Array, entry: ZipEntry, where: string): number {
  const data = view(bytes);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
    throw new LeakproofError('ARCHIVE_CORRUPT', 'zip local header is missing or malformed', { where });
  }
  const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw new LeakproofError('ARCHIVE_CORRUPT', 'zip entry data runs past the end of the file', { where });
  }
  return start;
}

/**
 * Each entry's data must end before the next local header begins. Several central-directory
 * records sharing one body is how a 42 KB zip claims petabytes; it is also never produced by
 * an honest zip writer.
 */
function rejectOverlaps(entries: readonly ZipEntry[], bytes: Uint8Array, data: DataView, centralOffset: number, where: string): void {
  const ranges = entries
    .map((entry) => {
      const at = entry.localHeaderOffset;
      if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
        throw new LeakproofError('ARCHIVE_CORRUPT', 'zip local header is missing or malformed', { where: `${where}!${entry.name}` });
      }
      const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
      return { name: entry.name, header: at, end: start + entry.compressedSize };
    })
    .sort((a, b) => a.header - b.header);
  for (let i = 0; i < ranges.length; i++) {
    const current = ranges[i];
    if (current === undefined) continue;
    const limit = ranges[i + 1]?.header ?? centralOffset;
    if (current.end > limit) {
      throw new LeakproofError('ARCHIVE_BOMB', 'zip entries overlap (overlapping-entry zip bomb)', { where: `${where}!${current.name}` });
    }
  }
}

export type InflateFailure = 'corrupt' | 'oversize';

/**
 * Inflates raw DEFLATE data, producing at most `maxBytes` bytes. Native zlib stops as soon as the
 * cap is passed, so a bomb costs no more than the cap.
 */
export function inflateCapped(compressed: Uint8Array, maxBytes: number): Uint8Array | InflateFailure {
  try {
    return zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return 'oversize';
    return 'corrupt';
  }
}

/** The first `count` inflated bytes, to sniff a large entry without inflating all of it. */
export function inflateHead(compressed: Uint8Array, count: number): Uint8Array | undefined {
  const parts: Uint8Array[] = [];
  let produced = 0;
  try {
    const inflate = new Inflate((chunk) => {
      parts.push(chunk);
      produced += chunk.length;
    });
    const step = 4096;
    for (let at = 0; at < compressed.length && produced < count; at += step) {
      inflate.push(compressed.subarray(at, at + step), at + step >= compressed.length);
    }
  } catch {
    return undefined;
  }
  return concatBytes(parts, produced).subarray(0, count);
}

export function crc32(bytes: Uint8Array): number {
  return zlib.crc32(bytes) >>> 0;
}
