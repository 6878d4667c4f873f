/**
 * The redacted preview every finding carries instead of the secret.
 *
 * Rule: show the first `min(4, floor(n / 3))` characters of the secret, then `…`,
 * where `n` is the secret's length in Unicode code points. So a secret of 12 or more
 * characters shows 4, one of 9–11 shows 3, 6–8 shows 2, 3–5 shows 1 and shorter ones
 * show nothing at all. Whatever the length, the preview never reveals more than a third
 * of the secret, which keeps short secrets (PINs, short passwords) from being guessable
 * from a report, and never more than 4 characters, which is enough to tell two tokens
 * of the same kind apart (`AKIA…`, `ghp_…`).
 *
 * Characters are counted by code point so a preview never ends in half a surrogate pair,
 * which would make the JSON, SARIF and XML outputs ill-formed.
 */
export const REDACTION_MARK = '…';
export const MAX_REVEALED = 4;

export function revealedLength(secretLength: number): number {
  return Math.min(MAX_REVEALED, Math.floor(secretLength / 3));
}

export function redact(secret: string): string {
  const codePoints = Array.from(secret);
  return codePoints.slice(0, revealedLength(codePoints.length)).join('') + REDACTION_MARK;
}
