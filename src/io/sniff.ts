/**
 * Content sniffing: decides from the first bytes of a file whether it is an archive we open,
 * text we scan, or binary we skip. Extensions are only a shortcut (see BINARY_EXTENSIONS);
 * archives are always recognised by their magic bytes, so a renamed tarball is still opened.
 */

export type SniffKind = 'gzip' | 'zip' | 'tar' | 'binary' | 'text';

/** How much of a file the binary heuristic looks at. */
export const SNIFF_BYTES = 8192;

/** Enough bytes to recognise every archive format (the ustar magic sits at offset 257). */
export const ARCHIVE_HEAD_BYTES = 512;

const CONTROL_RATIO_BINARY = 0.1;

export function sniffKind(bytes: Uint8Array): SniffKind {
  const archive = sniffArchive(bytes);
  if (archive !== undefined) return archive;
  return looksBinary(bytes) ? 'binary' : 'text';
}

export function sniffArchive(bytes: Uint8Array): 'gzip' | 'zip' | 'tar' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08) return 'gzip';
  // Local file header first; an archive with no entries is just the end-of-central-directory record.
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  ) {
    return 'zip';
  }
  if (isTarHeader(bytes)) return 'tar';
  return undefined;
}

/**
 * A 512-byte block is a tar header when it carries the ustar magic (POSIX and GNU) or, for
 * pre-POSIX v7 archives that have no magic, when its checksum field is valid. A random text
 * file passing the checksum test is practically impossible: the field must hold octal digits
 * equal to the byte sum of the block.
 */
export function isTarHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  if (bytes[257] === 0x75 && bytes[258] === 0x73 && bytes[259] === 0x74 && bytes[260] === 0x61 && bytes[261] === 0x72) {
    return tarChecksumMatches(bytes);
  }
  return bytes[0] !== 0 && tarChecksumMatches(bytes);
}

/** Checksum over the header with the checksum field read as spaces; some old tars summed signed bytes. */
export function tarChecksumMatches(block: Uint8Array): boolean {
  const stored = parseOctalField(block, 148, 8);
  if (stored === undefined) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Octal number, NUL/space padded; undefined when the field holds anything else. */
export function parseOctalField(block: Uint8Array, offset: number, length: number): number | undefined {
  let value = 0;
  let digits = 0;
  let i = offset;
  const end = offset + length;
  while (i < end && block[i] === 0x20) i++;
  for (; i < end; i++) {
    const byte = block[i] ?? 0;
    if (byte === 0 || byte === 0x20) break;
    if (byte < 0x30 || byte > 0x37) return undefined;
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  for (; i < end; i++) {
    const byte = block[i] ?? 0;
    if (byte !== 0 && byte !== 0x20) return undefined;
  }
  return digits === 0 ? undefined : value;
}

export type TextEncodingHint = 'utf-16le' | 'utf-16be';

/**
 * UTF-16 text with a byte order mark is text, not binary, even though every ASCII character
 * carries a NUL byte: Windows tools (PowerShell redirection, regedit exports) write it, and
 * credentials end up in such files. The input layer transcodes it to UTF-8 so the scanner
 * only ever deals with one encoding.
 */
export function utf16Bom(bytes: Uint8Array): TextEncodingHint | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Binary when the first 8 KiB hold a NUL byte or more than 10% control bytes.
 * Invalid UTF-8 is deliberately not a criterion: Latin-1 configs and mis-encoded files are
 * still text and can still hold secrets.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Bom(bytes) !== undefined) return false;
  const length = Math.min(bytes.length, SNIFF_BYTES);
  if (length === 0) return false;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) return true;
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) are normal in text.
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) || byte === 0x7f) {
      control++;
    }
  }
  return control / length > CONTROL_RATIO_BINARY;
}

/** Decodes UTF-16 (with BOM) into UTF-8 bytes; the BOM itself is dropped. */
export function transcodeUtf16(bytes: Uint8Array, encoding: TextEncodingHint): Uint8Array {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  return new TextEncoder().encode(text);
}

/**
 * Extensions that let the reader stop after the first block when that block looks binary:
 * large images, fonts and binaries are never read in full. The block is still sniffed, so an
 * archive in disguise is opened and a text file with a misleading name is scanned. Formats that
 * are zip containers (.jar, .docx, .apk…) are not listed: they are opened as zips, because
 * config files inside them can hold secrets.
 */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'bmp', 'ico', 'icns', 'webp', 'avif', 'heic', 'tif', 'tiff', 'psd',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'wasm', 'node', 'so', 'dylib', 'dll', 'exe', 'o', 'a', 'lib', 'obj', 'class', 'pyc', 'pyo',
  'mp3', 'mp4', 'm4a', 'mov', 'avi', 'mkv', 'webm', 'ogg', 'wav', 'flac',
  'pdf', 'sqlite', 'iso', 'dmg',
  'bz2', 'xz', 'zst', '7z', 'rar', 'lz4', 'br',
]);

export function hasBinaryExtension(path: string): boolean {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return false;
  return BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `formatBytes(1536)` → `1.5 KiB`; exact bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} B`;
  const rounded = value >= 100 ? value.toFixed(0) : value.toFixed(1);
  return `${rounded.replace(/\.0$/, '')} ${UNITS[unit]}`;
}
