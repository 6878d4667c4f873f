/**
 * A push-based tar reader: feed it chunks as they come out of a decompressor and collect events.
 * Written here rather than taken from tar-stream so that every size is checked before memory is
 * committed: a pax or GNU long-name header may not exceed MAX_META_BYTES, and entry sizes reach
 * the caller (who enforces the archive limits) before a single data byte is delivered.
 *
 * Formats: POSIX ustar (name prefix), pax extended headers (path, linkpath, size), GNU long
 * names and long link names, GNU base-256 sizes, and pre-POSIX v7 headers.
 */
import { LeakproofError } from '../errors.js';
import { parseOctalField, tarChecksumMatches } from './sniff.js';

const BLOCK = 512;
/** Real pax headers hold a few hundred bytes; 1 MiB leaves room for absurd path lengths. */
export const MAX_META_BYTES = 1024 * 1024;

export type TarEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'character-device'
  | 'block-device'
  | 'fifo'
  | 'unsupported';

export interface TarHeader {
  readonly name: string;
  readonly type: TarEntryType;
  /** Raw typeflag character, for messages about unsupported entries. */
  readonly typeflag: string;
  readonly size: number;
  readonly linkName: string;
}

export type TarEvent =
  | { readonly kind: 'entry'; readonly header: TarHeader }
  | { readonly kind: 'data'; readonly chunk: Uint8Array }
  | { readonly kind: 'entry-end' };

type State = 'header' | 'body' | 'meta' | 'padding' | 'end';

const utf8 = new TextDecoder('utf-8', { fatal: false });

export class TarReader {
  private state: State = 'header';
  private readonly headerBlock = new Uint8Array(BLOCK);
  private headerFill = 0;
  private remaining = 0;
  private padding = 0;
  private offset = 0;
  private metaType = '';
  private metaParts: Uint8Array[] = [];
  private metaFill = 0;
  private paxPath: string | undefined;
  private paxLinkPath: string | undefined;
  private paxSize: number | undefined;
  private longName: string | undefined;
  private longLinkName: string | undefined;

  constructor(private readonly where: string) {}

  /** True once the end-of-archive block was read; later bytes are ignored. */
  get ended(): boolean {
    return this.state === 'end';
  }

  /** Parses as much of `chunk` as possible and appends the resulting events to `out`. */
  push(chunk: Uint8Array, out: TarEvent[]): void {
    let at = 0;
    while (at < chunk.length && this.state !== 'end') {
      const available = chunk.length - at;
      switch (this.state) {
        case 'header': {
          const take = Math.min(BLOCK - this.headerFill, available);
          this.headerBlock.set(chunk.subarray(at, at + take), this.headerFill);
          this.headerFill += take;
          at += take;
          if (this.headerFill === BLOCK) {
            this.headerFill = 0;
            this.readHeader(out);
            this.offset += BLOCK;
          }
          break;
        }
        case 'body': {
          const take = Math.min(this.remaining, available);
          out.push({ kind: 'data', chunk: chunk.subarray(at, at + take) });
          this.remaining -= take;
          this.offset += take;
          at += take;
          if (this.remaining === 0) {
            out.push({ kind: 'entry-end' });
            this.state = this.padding > 0 ? 'padding' : 'header';
          }
          break;
        }
        case 'meta': {
          const take = Math.min(this.remaining, available);
          this.metaParts.push(chunk.slice(at, at + take));
          this.metaFill += take;
          this.remaining -= take;
          this.offset += take;
          at += take;
          if (this.remaining === 0) {
            this.finishMeta();
            this.state = this.padding > 0 ? 'padding' : 'header';
          }
          break;
        }
        case 'padding': {
          const take = Math.min(this.padding, available);
          this.padding -= take;
          this.offset += take;
          at += take;
          if (this.padding === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  /**
   * Called when the input is exhausted. A missing end-of-archive marker is tolerated (several
   * writers omit it), but stopping inside a header, an entry or its padding is truncation.
   */
  finish(): void {
    if (this.state === 'end') return;
    if (this.state === 'header' && this.headerFill === 0 && !this.hasPendingMeta()) return;
    throw new LeakproofError('ARCHIVE_CORRUPT', `tar archive is truncated (input ends at byte ${this.offset + this.headerFill})`, {
      where: this.where,
    });
  }

  private hasPendingMeta(): boolean {
    return this.paxPath !== undefined || this.paxSize !== undefined || this.longName !== undefined || this.paxLinkPath !== undefined || this.longLinkName !== undefined;
  }

  private corrupt(message: string): LeakproofError {
    return new LeakproofError('ARCHIVE_CORRUPT', `${message} (tar header at byte ${this.offset})`, { where: this.where });
  }

  private readHeader(out: TarEvent[]): void {
    const block = this.headerBlock;
    if (block.every((byte) => byte === 0)) {
      this.state = 'end';
      return;
    }
    if (!tarChecksumMatches(block)) throw this.corrupt('invalid tar header checksum');
    const typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156] ?? 0x30);
    const size = this.readSize(block);

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      if (size > MAX_META_BYTES) throw this.corrupt(`extended header of ${size} bytes is larger than the ${MAX_META_BYTES}-byte limit`);
      this.metaType = typeflag;
      this.metaParts = [];
      this.metaFill = 0;
      this.remaining = size;
      this.padding = paddingFor(size);
      if (size === 0) {
        this.finishMeta();
        this.state = 'header';
      } else {
        this.state = 'meta';
      }
      return;
    }

    const type = entryType(typeflag);
    const name = this.paxPath ?? this.longName ?? ustarName(block);
    const linkName = this.paxLinkPath ?? this.longLinkName ?? cString(block, 157, 100);
    // Like Go's archive/tar: these types never carry data, whatever the size field says.
    const headerOnly = type !== 'file' && type !== 'unsupported';
    const dataSize = headerOnly ? 0 : (this.paxSize ?? size);
    this.paxPath = undefined;
    this.paxLinkPath = undefined;
    this.paxSize = undefined;
    this.longName = undefined;
    this.longLinkName = undefined;

    out.push({ kind: 'entry', header: { name, type, typeflag, size: dataSize, linkName } });
    this.remaining = dataSize;
    this.padding = paddingFor(dataSize);
    if (dataSize === 0) {
      out.push({ kind: 'entry-end' });
      this.state = 'header';
    } else {
      this.state = 'body';
    }
  }

  private readSize(block: Uint8Array): number {
    const first = block[124] ?? 0;
    if ((first & 0x80) !== 0) {
      // GNU base-256: big-endian two's complement; a negative size is nonsense.
      if ((first & 0x40) !== 0) throw this.corrupt('negative entry size');
      let value = first & 0x3f;
      for (let i = 125; i < 136; i++) {
        value = value * 256 + (block[i] ?? 0);
        if (value > Number.MAX_SAFE_INTEGER) throw this.corrupt('entry size out of range');
      }
      return value;
    }
    const blank = block.subarray(124, 136).every((byte) => byte === 0 || byte === 0x20);
    if (blank) return 0;
    const value = parseOctalField(block, 124, 12);
    if (value === undefined) throw this.corrupt('invalid entry size field');
    return value;
  }

  private finishMeta(): void {
    const data = concatBytes(this.metaParts, this.metaFill);
    this.metaParts = [];
    switch (this.metaType) {
      case 'L':
        this.longName = cString(data, 0, data.length);
        break;
      case 'K':
        this.longLinkName = cString(data, 0, data.length);
        break;
      case 'x':
        this.applyPax(parsePaxRecords(data, (message) => this.corrupt(message)));
        break;
      // Global pax headers ('g') set defaults such as mtime or charset; none affect what we read.
    }
  }

  private applyPax(records: Map<string, string>): void {
    const path = records.get('path');
    if (path !== undefined) this.paxPath = path;
    const linkPath = records.get('linkpath');
    if (linkPath !== undefined) this.paxLinkPath = linkPath;
    const size = records.get('size');
    if (size !== undefined) {
      if (!/^[0-9]{1,16}$/.test(size) || Number(size) > Number.MAX_SAFE_INTEGER) throw this.corrupt('invalid pax size record');
      this.paxSize = Number(size);
    }
  }
}

/** Pax records are `LENGTH KEY=VALUE\n`, LENGTH counting the whole record in bytes. */
function parsePaxRecords(data: Uint8Array, corrupt: (message: string) => Error): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    if (data[at] === 0) break; // NUL padding after the last record
    let space = at;
    while (space < data.length && space - at < 16 && data[space] !== 0x20) space++;
    const lengthText = utf8.decode(data.subarray(at, space));
    if (data[space] !== 0x20 || !/^[0-9]+$/.test(lengthText)) throw corrupt('malformed pax record length');
    const length = Number(lengthText);
    const end = at + length;
    if (length <= space - at + 1 || end > data.length || data[end - 1] !== 0x0a) throw corrupt('malformed pax record');
    const record = utf8.decode(data.subarray(space + 1, end - 1));
    const equals = record.indexOf('=');
    if (equals <= 0) throw corrupt('malformed pax record');
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at = end;
  }
  return records;
}

function entryType(typeflag: string): TarEntryType {
  switch (typeflag) {
    case '0':
    case '7': // contiguous file: a regular file for every reader that is not a 1980s tape drive
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '3':
      return 'character-device';
    case '4':
      return 'block-device';
    case '5':
      return 'directory';
    case '6':
      return 'fifo';
    default:
      return 'unsupported';
  }
}

function ustarName(block: Uint8Array): string {
  const name = cString(block, 0, 100);
  // The prefix field only exists in POSIX ustar ("ustar\0" + "00"); GNU tar stores times there.
  const posix = block[257] === 0x75 && block[262] === 0 && block[263] === 0x30 && block[264] === 0x30;
  if (!posix) return name;
  const prefix = cString(block, 345, 155);
  return prefix === '' ? name : `${prefix}/${name}`;
}

function cString(bytes: Uint8Array, offset: number, length: number): string {
  let end = offset;
  const limit = Math.min(bytes.length, offset + length);
  while (end < limit && bytes[end] !== 0) end++;
  return utf8.decode(bytes.subarray(offset, end));
}

function paddingFor(size: number): number {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}

export function concatBytes(parts: readonly Uint8Array[], total?: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const length = total ?? parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
