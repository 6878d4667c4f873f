/**
 * Finding secrets hidden in encoded strings: base64 (standard and URL-safe), hex and percent-encoding.
 * Only decodings that yield mostly printable text are scanned further; that discards hashes,
 * images and random tokens (which decode to binary) after looking at a short prefix.
 */

import { RUN_CHAR, RUN_MIN } from './prefilter.js';

export type Encoding = 'base64' | 'hex' | 'percent';

export interface EncodedSpan {
  readonly start: number;
  readonly end: number;
  readonly encoding: Encoding;
}

const MAX_SPANS = 4096;

function pushRun(text: string, start: number, stop: number, spans: EncodedSpan[]): void {
  const run = text.slice(start, stop);
  if (!HAS_DIGIT.test(run) || !HAS_LETTER.test(run)) return;
  if (HEX_ONLY.test(run)) {
    if (run.length % 2 === 0 && run.length >= 32) spans.push({ start, end: stop, encoding: 'hex' });
    return;
  }
  let end = stop;
  while (end < text.length && end - stop < 2 && text.charCodeAt(end) === 0x3d) end++;
  spans.push({ start, end, encoding: 'base64' });
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

const HEX_ONLY = /^[0-9a-fA-F]+$/;
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /[A-Za-z]/;

/**
 * Candidate encoded spans in `text`, bounded in count. `runStarts` are the starts of long base64 runs
 * the keyword automaton already found in its pass; `percent` says whether a `%` occurred at all.
 */
export function findEncodedSpans(text: string, runStarts: readonly number[], percent: boolean): EncodedSpan[] {
  const spans: EncodedSpan[] = [];
  const n = text.length;
  for (const start of runStarts) {
    if (spans.length >= MAX_SPANS) break;
    let end = start + RUN_MIN;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c > 0xff || RUN_CHAR[c] !== 1) break;
      end++;
    }
    pushRun(text, start, end, spans);
  }
  if (!percent) return spans;
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

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Share of text-like bytes in the first `limit`: printable ASCII and whitespace, plus bytes of
 * non-ASCII characters when they form valid UTF-8 and are a minority (random binary is almost
 * never valid UTF-8).
 */
function printableRatio(bytes: Uint8Array, limit: number): number {
  const n = Math.min(bytes.length, limit);
  if (n === 0) return 0;
  let good = 0;
  let high = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) good++;
    else if (b >= 0x80) high++;
  }
  if (high > 0 && high <= n * 0.3 && validUtf8(bytes.subarray(0, n))) good += high;
  return good / n;
}

function validUtf8(bytes: Uint8Array): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    // A probe may end inside a character: accept a cut of up to three bytes at the end.
    for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
      try {
        STRICT_UTF8.decode(bytes.subarray(0, bytes.length - cut));
        return true;
      } catch {
        /* try a shorter prefix */
      }
    }
    return false;
  }
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
