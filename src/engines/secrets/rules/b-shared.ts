/**
 * Building blocks shared by the group B rules: token boundaries, the assignment shape used by
 * context-keyed rules, structural decoders for validators, and placeholder lists for passwords.
 * Everything here is pure.
 */
import { createHash } from 'node:crypto';

/**
 * Not preceded by a token character, so a prefix buried in a longer identifier does not count;
 * a `\n`, `\r` or `\t` escape right before it (a token at the start of a line inside a JSON or
 * code string) is a separator, not part of a longer word.
 */
export const LB = '(?:(?<![A-Za-z0-9_-])|(?<=\\\\[nrt]))';
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

/** Passwords that only ever stand in for a real one: documentation, templates, masks. Whole value, any case. */
const PLACEHOLDER_PASSWORD =
  /^(?:pass(?:word|wd|phrase)?\d{0,3}|pwd|pw|secret|s3cr3t|s3cret|sekrit|changeit|none|null|nil|empty|default|user(?:name)?|foo|bar|baz|qux|x{2,}|\*{2,}|\.{2,}|_+|-+|[a-z]|token|apikey|api_key|key|hunter2|p@ssw0rd\d{0,3}|p@ssword|passw0rd|proxypass|repopwd|dummy|fake|sample|test(?:ing)?\d{0,3}|\$\w+|%\w+%|%[sdvq]|%\(\w+\)s)$/i;

/** Fragments that mark a whole value as a stand-in (`your-password`, `db_password_here`, `changeme123`). */
const PLACEHOLDER_FRAGMENT =
  /password|passwd|change[_-]?me|change[_-]?in[_-]?prod|placeholder|example|redacted|_here$|xxxx|\*\*\*|^(?:your|some)[_-]?|^my[_-]?(?:super[_-]?)?(?:secret|pass|pwd|db)/i;

/**
 * A whole value that is a template, a variable or a bracketed stand-in: `<password>`, `[secret]`,
 * `{password}`, `(hidden)`, `${DB_PASS}`, `$(cat pw)`, `%DB_PASS%`, or the first word of one cut at a space
 * (`<your` of `<your PyPI token>`). A password that merely starts or
 * ends with one of these symbols (`%kT9…`, `&Qz…`) is an ordinary generated password.
 */
const WRAPPED_REFERENCE = /^(?:<[^<>]*>|[<[{(][A-Za-z_][\w.-]*|\[[^[\]]*\]|\{[^{}]*\}|\([^()]*\)|\$[{(][\s\S]*|%[A-Za-z_][\w.-]*%|\{\{[\s\S]*)$/;

/** True when a password is a placeholder, a template reference or a mask rather than a credential. */
export function isPlaceholderPassword(password: string): boolean {
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A stray `%` is just a character of the password.
  }
  // A percent-encoded reference counts only with encoded brackets (`%24%7BDB_PASS%7D`): a password that
  // merely starts with `%24` decodes to `$…` and is still a real value.
  const encodedReference = /%7b.*%7d|%3c.*%3e|%5b.*%5d|^%24%7b/i.test(password) && WRAPPED_REFERENCE.test(decoded);
  const decodedToDollar = decoded.startsWith('$') && !password.startsWith('$');
  const placeholder = PLACEHOLDER_PASSWORD.test(password) || (PLACEHOLDER_PASSWORD.test(decoded) && !decodedToDollar);
  return placeholder || PLACEHOLDER_FRAGMENT.test(decoded) || WRAPPED_REFERENCE.test(password) || encodedReference;
}


/**
 * Default or throwaway passwords of local development setups (`root`, `admin123`, `postgres`).
 * The same value on a remote host is a real, weak credential, so URI rules skip these only for local hosts.
 */
const WEAK_DEFAULT = 'admin\\d{0,3}|root|guest|postgres|mysql|mariadb|redis|rabbit(?:mq)?|mongo(?:db)?|neo4j|elastic|sa|dev|local|demo|app|[0-9]{1,8}|qwerty|letmein|welcome[0-9]?|abc123|secret[0-9]{0,3}|supersecret|topsecret|private|adminpw';

/** True for a development default password (see WEAK_DEFAULT); for rules that have no host to look at. */
export function isWeakDefaultPassword(password: string): boolean {
  return new RegExp(`^(?:${WEAK_DEFAULT})$`, 'i').test(password);
}

/**
 * A host that only the developer's machine, a compose network or a private LAN can reach:
 * no dot in its name, loopback, or an RFC 1918 address.
 */
const LOCAL_HOST =
  '(?:localhost|127\\.[0-9.]{3,11}|0\\.0\\.0\\.0|\\[::1\\]|host\\.docker\\.internal|10\\.[0-9.]{3,11}|192\\.168\\.[0-9.]{3,7}|172\\.(?:1[6-9]|2[0-9]|3[01])\\.[0-9.]{3,7}|[A-Za-z0-9_-]{1,63})(?![A-Za-z0-9.-])';

/** `user:user@` on any host: for web URLs, where such pairs are demo sites and tutorials rather than databases. */
export const USER_EQUALS_PASSWORD_ANY_HOST = '^[A-Za-z0-9+.-]+://([^:@/\\s]+):\\1@';

/**
 * Allowlist (match patterns, tested against `scheme://user:password@host`) for local development
 * defaults: a weak default password, or a password that repeats the user name, on a local host.
 */
export const LOCAL_DEFAULT_CREDENTIALS: readonly string[] = [
  `^[A-Za-z0-9+.-]+://[^\\s:@/]*:(?:${WEAK_DEFAULT})@${LOCAL_HOST}`,
  `^[A-Za-z0-9+.-]+://([^:@/\\s]+):\\1@${LOCAL_HOST}`,
];

/**
 * Hosts that cannot hold a real credential, as the host part of a `user:password@host` match: the
 * reserved documentation domains of RFC 2606 (`example.com/.org/.net`, `*.example`, `*.invalid`) and
 * single-label or `your-…` stand-ins (`@host`, `@your-db-host`, `@yourcompany.com`). Ordinary company
 * domains (acme, contoso, …) are real: a random password there is reported like anywhere else.
 */
export const DOC_HOSTS =
  '@(?:[A-Za-z0-9-]{1,63}\\.)*(?:example\\.(?:com|org|net)|(?:your|my)[_-]?(?:company|domain|host|server|org)\\.[a-z]{2,6}|[A-Za-z0-9-]{1,63}\\.(?:example|invalid))(?![A-Za-z0-9.-])|@(?:host|hostname|server|domain|your-?[A-Za-z0-9.-]{0,60})(?![A-Za-z0-9.-])|@the-internet\\.herokuapp\\.com(?![A-Za-z0-9.-])';


/** Random tokens of 20+ characters almost always mix letters and digits; words and placeholders rarely do. */
export function hasLetterAndDigit(secret: string): boolean {
  return /[0-9]/.test(secret) && /[A-Za-z]/.test(secret);
}

/**
 * SHA-256 of values that vendors print in their own documentation as the decoded shape of a real
 * credential, and that scanners and SDKs then quote in comments. Stored as hashes so that this file
 * does not itself carry a credential-shaped string.
 */
const DOCUMENTED_EXAMPLE_SHA256 = new Set([
  // 1Password service-account token documentation: the `muk` JWK's "k" and the account "secretKey".
  '0f432205b4c94878cc4fe86d274e50aa9f64369a3c88efb7dcafb873af163783',
  '4861b7d682dcbc5a83cc31d7559004e645ff52ad8eb7b7a94e27192280dd25d3',
]);

/** True when a secret is one of the documented examples above. */
export function isDocumentedExample(secret: string): boolean {
  return DOCUMENTED_EXAMPLE_SHA256.has(createHash('sha256').update(secret, 'utf8').digest('hex'));
}
