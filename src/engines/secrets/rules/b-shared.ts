/**
 * Building blocks shared by the group B rules: token boundaries, the assignment shape used by
 * context-keyed rules, structural decoders for validators, and placeholder lists for passwords.
 * Everything here is pure.
 */

/** Not preceded by a token character, so a prefix buried in a longer identifier does not count. */
export const LB = '(?<![A-Za-z0-9_-])';
/** Not followed by a token character, so a longer run of the same alphabet is not cut short. */
export const RB = '(?![A-Za-z0-9_-])';
/** Right boundary for base64 alphabets, where `+`, `/` and `=` continue the value. */
export const RB64 = '(?![A-Za-z0-9_+/=-])';

/**
 * The gap between a name and its value across .env, YAML, JSON, TOML, INI, shell and most languages:
 * an optional closing quote, then `=`, `:`, `:=` or `=>` and an optional opening quote.
 */
export const ASSIGN = `["'\`]?[ \\t]{0,4}(?::=|=>|=|:)[ \\t]{0,4}["'\`]?`;

/**
 * What may sit between the vendor word and the rest of the name: identifier characters, and the
 * `(`, `({`, spaces of a constructor call such as `Mistral(api_key="…")` or `new Groq({ apiKey: … })`.
 */
const NAME_GAP = '[\\w.({ \\t-]{0,30}?';

/**
 * A value assigned to a name that mentions a vendor, e.g. `MAILJET_API_SECRET="…"` or `sparkpost: { key: … }`.
 * `name` is a regex source alternation matched case-insensitively with the `i` flag; up to 30 name
 * characters may sit between it and the assignment (`_API_KEY`, `.authToken`, `(api_key`). With `suffix`, the name
 * must also contain that word (`secret`, `token`) so identifiers such as `*_CLIENT_ID` are not taken for secrets.
 */
export function keyedValue(name: string, value: string, suffix?: string): string {
  const tail = suffix === undefined ? '' : `(?:${suffix})[\\w.-]{0,12}?`;
  return `(?:${name})${NAME_GAP}${tail}${ASSIGN}(?<secret>${value})${RB}`;
}


/** Decodes standard or URL-safe base64 to a binary string, or undefined when it is not base64. */
export function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\\[nr]|\s/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  const standard = compact.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  return Buffer.from(standard, 'base64').toString('latin1');
}

/** Decodes base64(url) text that should hold JSON; undefined when it does not parse to an object. */
export function decodeJsonObject(text: string): Record<string, unknown> | undefined {
  const raw = decodeBase64(text);
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'latin1').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True when every character is printable ASCII (no control bytes, no high bytes). */
export function isPrintableAscii(text: string): boolean {
  return /^[\x20-\x7e]+$/.test(text);
}

/**
 * Passwords that are documentation or development defaults rather than credentials someone owns.
 * Matched against the whole password, case-insensitively.
 */
const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd|phrase)?\d{0,3}|pwd|pw|secret\d{0,3}|s3cr3t|changeit|admin\d{0,3}|root|guest|user(?:name)?|demo|default|none|null|nil|empty|foo|bar|baz|qux|x{2,}|\*{2,}|\.{2,}|_+|-+|my_?pass(?:word)?|p@ssw0rd|p@ssword|passw0rd|hunter2|abc123|qwerty|letmein|postgres|mysql|mariadb|redis|rabbit(?:mq)?|mongo(?:db)?|neo4j|elastic|sa|dbpass(?:word)?|db_?password|\d{1,6}|[a-z]|pass123|password123|welcome1?|token|apikey|api_key|key|your_?password|some_?password|supersecret(?:password)?|topsecret|private|pass(?:word)?_?here|sekrit|proxypass|repopwd|mysecretpassword|secretpassword|s3cret|passw0rd!?|test(?:ing)?\d{0,3}|example|sample|dummy|placeholder|changeme|fake|redacted|\$\w+|%\w+%?)$/i;

/** True when a password is a placeholder, a local default or a reference to a variable, not a credential. */
export function isPlaceholderPassword(password: string): boolean {
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray `%` is just a character of the password.
  }
  return PLACEHOLDER_PASSWORD.test(decoded) || /^[<\[{($%]|[>\]})]$/.test(decoded);
}

/**
 * Hosts that appear in documentation and tutorials rather than in deployments, as the host part of
 * a `user:password@host` match.
 */
export const DOC_HOSTS =
  '@(?:[A-Za-z0-9-]{1,63}\\.)*(?:example|(?:your|my)?company|(?:your|my)?domain|acme)\\.(?:com|org|net|io|tld)(?![A-Za-z0-9.-])|@(?:host|hostname|server|domain|your-?[A-Za-z0-9.-]{0,60})(?![A-Za-z0-9.-])';

/** A password that merely repeats the user name (`postgres:postgres`, `guest:guest`) is a local default. */
export const USER_EQUALS_PASSWORD = '://([^:@/\\s]+):\\1@';

/** Random tokens of 20+ characters almost always mix letters and digits; words and placeholders rarely do. */
export function hasLetterAndDigit(secret: string): boolean {
  return /[0-9]/.test(secret) && /[A-Za-z]/.test(secret);
}
