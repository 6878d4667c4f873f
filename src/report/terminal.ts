/**
 * Making untrusted strings (paths from a tarball, descriptions from a user's config) safe and
 * measurable on a terminal. A file name can hold ESC sequences that recolour or rewrite the
 * screen, or bidi overrides that make `evil.js` read as something else; both are shown as
 * visible escapes instead.
 */
import { wellFormed } from './common.js';

const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

function visibleEscape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For paths and previews: every unsafe character becomes a visible `\xNN` or `\uNNNN`. */
export function terminalSafe(text: string): string {
  return wellFormed(text).replace(UNSAFE, visibleEscape);
}

/** For prose (descriptions, remedies): line breaks and tabs fold into single spaces first. */
export function terminalProse(text: string): string {
  return terminalSafe(text.replace(/[\t\n\r\u2028\u2029]+/g, ' ').trim());
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

const COMBINING_MARK = /^[\p{Mn}\p{Me}]$/u;

function isZeroWidth(char: string, code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || (code >= 0xfe00 && code <= 0xfe0f) || COMBINING_MARK.test(char);
}

/**
 * Columns a string takes in a monospace terminal: East Asian wide characters and most emoji
 * take two, combining marks none. An approximation (no grapheme clustering), but it keeps
 * tables aligned for the paths people actually have.
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  // Most paths and descriptions are plain ASCII: one column per character, no per-character work.
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isZeroWidth(char, code)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

export function padEnd(text: string, width: number): string {
  const missing = width - displayWidth(text);
  return missing > 0 ? text + ' '.repeat(missing) : text;
}
