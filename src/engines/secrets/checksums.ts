/**
 * Structural checks that some credential formats carry inside the token itself.
 * A regex alone cannot tell a real GitHub token from 36 random letters in a fixture;
 * the embedded checksum can, and it costs nothing to verify. All functions are pure.
 */

const CRC32_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the zlib/PNG polynomial) of bytes, or of a string's UTF-8 bytes. */
export function crc32(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC32_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Digits, then upper case, then lower case: the order GitHub and npm use for token checksums. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of a non-negative integer, left-padded with '0' to `width` characters. */
export function base62Encode(value: number, width = 0): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('base62Encode needs a non-negative safe integer');
  let out = '';
  let rest = value;
  do {
    out = BASE62_ALPHABET.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/** The integer a base62 string stands for, or undefined when it holds a non-base62 character. */
export function base62Decode(text: string): number | undefined {
  if (text.length === 0) return undefined;
  let value = 0;
  for (const ch of text) {
    const digit = BASE62_ALPHABET.indexOf(ch);
    if (digit < 0) return undefined;
    value = value * 62 + digit;
    if (!Number.isSafeInteger(value)) return undefined;
  }
  return value;
}

/** The 6-character checksum GitHub and npm append to a 30-character random part. */
export function base62Crc32Checksum(randomPart: string): string {
  return base62Encode(crc32(randomPart), 6);
}

/**
 * True when `body` is 30 base62 characters followed by the 6-character base62 CRC-32 of those 30.
 * This is the scheme of GitHub's ghp_/gho_/ghu_/ghs_/ghr_ tokens and of npm's npm_ tokens:
 * the prefix is not covered by the checksum.
 */
export function hasBase62Crc32Checksum(body: string): boolean {
  if (!/^[0-9A-Za-z]{36}$/.test(body)) return false;
  const expected = base62Decode(body.slice(30));
  return expected !== undefined && expected === crc32(body.slice(0, 30));
}

/** Validator for a whole token `<prefix>_<36 chars>`, e.g. `ghp_…` or `npm_…`. */
export function isValidBase62Crc32Token(token: string): boolean {
  const underscore = token.lastIndexOf('_');
  return underscore > 0 && hasBase62Crc32Checksum(token.slice(underscore + 1));
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;

function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ (BECH32_GENERATORS[i] ?? 0)) >>> 0;
  }
  return chk;
}

function bech32HrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >> 5);
  out.push(0);
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31);
  return out;
}

/** The 6-character bech32 checksum for a human-readable part and 5-bit data words. */
export function bech32Checksum(hrp: string, data: readonly number[]): string {
  const values = [...bech32HrpExpand(hrp.toLowerCase()), ...data, 0, 0, 0, 0, 0, 0];
  const mod = bech32Polymod(values) ^ 1;
  let out = '';
  for (let i = 0; i < 6; i++) out += BECH32_CHARSET.charAt((mod >>> (5 * (5 - i))) & 31);
  return out;
}

/**
 * True when `text` is a well-formed bech32 string (BIP-173 checksum, single case).
 * age keys are longer than BIP-173's 90-character limit allows, so no length limit is applied.
 */
export function isValidBech32(text: string): boolean {
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return false;
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || lower.length - sep - 1 < 6) return false;
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(ch);
    if (v < 0) return false;
    data.push(v);
  }
  return bech32Polymod([...bech32HrpExpand(lower.slice(0, sep)), ...data]) === 1;
}

/** Exposed for generating well-formed test values. */
export const BECH32_ALPHABET = BECH32_CHARSET;

/** True when `text` is canonical standard base64 that decodes to exactly `byteLength` bytes. */
export function isBase64OfLength(text: string, byteLength: number): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return false;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === byteLength && decoded.toString('base64') === text;
}
