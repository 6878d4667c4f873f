/**
 * False-positive filters shared by every rule. A secret rejected here is never reported.
 * They are deliberately about the *value*: placeholders, templates and documented example keys.
 */

/** Keys that vendors publish in their documentation; reporting them only teaches people to ignore us. */
const KNOWN_EXAMPLE_SECRETS = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'xoxb-not-a-real-token-this-will-not-work',
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  // RFC 5849 (OAuth 1.0) and RFC 6749 / 6750 (OAuth 2.0) examples, quoted in countless libraries' docstrings.
  '0685bd9184jfhq22',
  'ad180jjd733klru7',
  'kd94hf93k423kf44',
  'pfkkdhi9sl3r4s00',
  'hh5s93j4hdidpola',
  'hdk48Djdsa',
  'dh893hdasih9',
  'wIjqoS',
  '2YotnFZFEjr1zCsicMWpAA',
  'tGzv3JOkF0XG5Qx2TlKWIA',
  'SplxlOBeZQQYbYS6WxSbIA',
  '7Fjfp0ZBr1KtDRbnfVdmIw',
  'mF_9.B5f-4.1JqM',
  'czZCaGRSa3F0MzpnWDFmQmF0M2JW',
]);

const TEMPLATE = /\$\{[^}]*\}|\{\{[^}]*\}\}|%\([a-z_]+\)s|<%=?|\$\([^)]*\)|^\$[A-Za-z_][A-Za-z0-9_]*$|^%[A-Za-z_]+%$|^#\{[^}]*\}$/;
const ANGLE_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9 _.-]*>|\[[A-Za-z][A-Za-z0-9 _-]*\]/;
const PLACEHOLDER_WORDS =
  /(?:example|placeholder|your[-_ ]?(?:api|access|secret|token|key|password|own|app)|changeme|change[-_]me|replace[-_]?me|dummy|redacted|insert[-_ ]?(?:your|key|token|here)|put[-_]?your|fake[-_]?(?:key|token|secret|password)|sample[-_]?(?:key|token|secret)|notarealkey|not[-_]a[-_]real|xxxx|\*\*\*\*|\.\.\.\.|abcdefgh|12345678|foobar)/i;
/** Whole values that stand for "a secret goes here" in docs, templates and examples. */
const PLACEHOLDER_VALUES = new Set([
  'value', 'password', 'passwd', 'secret', 'token', 'string', 'text', 'none', 'null', 'nil', 'empty', 'required',
  'changeit', 'pass', 'pwd', 'key', 'apikey', 'api_key', 'mypassword', 'yourpassword', 'your_password', 'password123',
  'admin', 'root', 'test', 'sample', 'redacted', 'hidden', 'secretpassword', 'mysecret', 'secret123', 'pa55word',
  'p@ssw0rd', 'p@ssword', 'passw0rd', 'letmein', 'qwerty', '123456', 'default', 'undefined', 'username', 'user',
]);
/** Only dots, ellipses, bullets, asterisks or dashes: a masked or elided value. */
const ELIDED = /^[.…•·*\-_ ]+$/;
/** Eight or more of the same character in a row: masks like `xxxxxxxx` or `00000000`. */
const MASK_RUN = /(.)\1{7,}/;

/**
 * True when a matched secret is a placeholder, template reference or documented example.
 * Long values (key bodies, certificates) are only checked for templates and known examples:
 * a random 2 KB base64 body contains arbitrary words and runs by chance.
 */
/**
 * The scanner looks at a latin1 view of file bytes; a value holding UTF-8 sequences is shown here as the
 * text it stands for, so that word and letter checks see real characters. Real UTF-16 text is left alone.
 */
export function asUtf8(value: string): string {
  if (!/[\x80-\xff]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? value : decoded;
}

export function isPlaceholderSecret(raw: string): boolean {
  const secret = asUtf8(raw);
  if (KNOWN_EXAMPLE_SECRETS.has(secret)) return true;
  if (ELIDED.test(secret) || PLACEHOLDER_VALUES.has(secret.toLowerCase())) return true;
  if (TEMPLATE.test(secret)) return true;
  if (secret.length > 160) return false;
  if (secret.endsWith('EXAMPLE') || secret.endsWith('EXAMPLEKEY')) return true;
  if (ANGLE_PLACEHOLDER.test(secret)) return true;
  if (PLACEHOLDER_WORDS.test(secret)) return true;
  if (MASK_RUN.test(secret)) return true;
  return false;
}

/** Inline suppression markers recognised on the finding's line (or the line before, for `-next-line`). */
export const ALLOW_MARKER = 'leakproof:allow';
