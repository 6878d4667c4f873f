/**
 * Finding secrets hidden in encoded strings: base64 (standard and URL-safe), hex and percent-encoding.
 * Only decodings that yield mostly printable text are scanned further; that discards hashes,
 * images and random tokens (which decode to binary) after looking at a short prefix.
 */

export type Encoding = 'base64' | 'hex' | 'percent';

export interface EncodedSpan {
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
}

const MIN_BASE64 = 24;
const MAX_SPANS = 4096;

const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') B64[c.charCodeAt(0)] = 1;

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** Candidate encoded spans in `text`, bounded in count. */
export function findEncodedSpans(text: string): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const n = text.length;
  let runStart = -1;
  let allHex = true;
  let hasLetterDigitMix = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0;
    if (c < 128 && B64[c] === 1) {
      if (runStart < 0) {
        runStart = i;
        allHex = true;
        hasLetterDigitMix = 0;
      }
      if (!isHexDigit(c)) allHex = false;
      if (c >= 0x30 && c <= 0x39) hasLetterDigitMix |= 1;
      else hasLetterDigitMix |= 2;
      continue;
    }
    if (runStart >= 0) {
      let end = i;
      // Padding belongs to the run.
      while (end < n && text.charCodeAt(end) === 0x3d && end - i < 2) end++;
      const length = i - runStart;
      if (length >= MIN_BASE64 && hasLetterDigitMix === 3 && spans.length < MAX_SPANS) {
        if (allHex && length % 2 === 0 && length >= 32) spans.push({ start: runStart, end: i, encoding: 'hex' });
        else if (!allHex) spans.push({ start: runStart, end, encoding: 'base64' });
      }
      runStart = -1;
    }
  }
  let p = text.indexOf('%');
  let lastEnd = -1;
  while (p >= 0 && spans.length < MAX_SPANS) {
    if (p >= lastEnd && isHexDigit(text.charCodeAt(p + 1)) && isHexDigit(text.charCodeAt(p + 2))) {
      let s = p;
      while (s > 0 && isUrlChar(text.charCodeAt(s - 1))) s--;
      let e = p;
      let escapes = 0;
      while (e < n && isUrlChar(text.charCodeAt(e))) {
        if (text.charCodeAt(e) === 0x25 && isHexDigit(text.charCodeAt(e + 1)) && isHexDigit(text.charCodeAt(e + 2))) escapes++;
        e++;
      }
      if (escapes >= 2 && e - s >= 12) spans.push({ start: s, end: e, encoding: 'percent' });
      lastEnd = e;
    }
    p = text.indexOf('%', Math.max(p + 1, lastEnd));
  }
  return spans;
}

function isUrlChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x25 || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e || c === 0x2b || c === 0x3d || c === 0x26 ||
    c === 0x3a || c === 0x2f || c === 0x40 || c === 0x3f
  );
}

function printableRatio(bytes: Uint8Array, limit: number): number {
  const n = Math.min(bytes.length, limit);
  if (n === 0) return 0;
  let good = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) good++;
  }
  return good / n;
}

/** Decodes a span to text when it decodes to mostly printable ASCII; otherwise undefined. */
export function decodeSpan(text: string, span: EncodedSpan): string | undefined {
  const raw = text.slice(span.start, span.end);
  if (span.encoding === 'percent') {
    try {
      const decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
      return decoded === raw ? undefined : decoded;
    } catch {
      return undefined;
    }
  }
  if (span.encoding === 'hex') {
    const probe = Buffer.from(raw.slice(0, 128), 'hex');
    if (printableRatio(probe, 64) < 0.95) return undefined;
    const bytes = Buffer.from(raw, 'hex');
    return printableRatio(bytes, bytes.length) >= 0.95 ? bytes.toString('latin1') : undefined;
  }
  // Look at a prefix before decoding everything: most long base64 runs are images or binary.
  const probe = Buffer.from(raw.slice(0, 96), 'base64');
  if (printableRatio(probe, 72) < 0.95) return undefined;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length < 12 || printableRatio(bytes, bytes.length) < 0.95) return undefined;
  return bytes.toString('utf8');
}
