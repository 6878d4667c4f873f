/**
 * The generic rule: a high-entropy value assigned to a secret-looking name
 * (`DB_PASSWORD=…`, `"apiKey": "…"`, `<password>…</password>`, `client_secret := "…"`).
 *
 * It is not a regex: the keyword prefilter hands us the positions of words like `password`
 * and `token`; from each we expand to the whole identifier, decide from its last word(s) whether
 * it names a secret, then parse the assignment and the value by hand. That keeps it linear and
 * lets each false-positive filter see the name, the value and the kind of file together.
 */
import { shannonEntropy } from './entropy.js';
import { asUtf8, isPlaceholderSecret } from './filters.js';
import type { RuleSpec } from './types.js';

export const GENERIC_KEYWORDS: readonly string[] = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'key',
  'credential',
  '_pass',
  '-pass',
  'pass=',
  'pass:',
  '_pat',
];

type NameKind = 'password' | 'secret';

export interface GenericCandidate {
  readonly ruleId: 'generic-password' | 'generic-secret';
  readonly secret: string;
  /** Offset of the value in the text. */
  readonly start: number;
  readonly name: string;
}

export const GENERIC_RULES: readonly RuleSpec[] = [
  {
    id: 'generic-password',
    description: 'Password assigned to a password-like name',
    severity: 'medium',
    keywords: ['password', 'passwd', 'pwd', 'passphrase', '_pass'],
    pattern: '(?!)',
    remedy: 'Change the password, then load it from the environment or a secret manager instead of the source.',
    tags: ['generic'],
    examples: { match: ['DB_PASSWORD=Xk9mP2vL8qR4'], noMatch: ['password = os.environ["DB_PASSWORD"]'] },
  },
  {
    id: 'generic-secret',
    description: 'High-entropy value assigned to a secret-like name (token, secret, API key)',
    severity: 'medium',
    keywords: ['secret', 'token', 'apikey', 'api_key', 'key', 'credential'],
    pattern: '(?!)',
    remedy: 'Revoke the credential with its issuer, then load it from the environment or a secret manager.',
    tags: ['generic'],
    // leakproof:allow-next-line (a synthetic example)
    examples: { match: ['SERVICE_TOKEN: "q8Fz2LmX0vB7nR4tK1sW"'], noMatch: ['const token = getToken();'] },
  },
];

const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'private', 'auth', 'client', 'signing', 'sign', 'encryption', 'encrypt', 'master',
  'app', 'application', 'service', 'account', 'subscription', 'consumer', 'webhook', 'admin', 'jwt', 'session',
  'hmac', 'server', 'license', 'licence', 'deploy', 'ingest', 'write', 'secure', 'crypto', 'cipher', 'aes', 'shared',
]);
const TOKEN_NOT_SECRET = new Set([
  'next', 'page', 'continuation', 'cancel', 'cancellation', 'csrf', 'xsrf', 'pagination', 'sort', 'lexer', 'parse',
  'parser', 'delimiter', 'sync', 'resume', 'start', 'end', 'max', 'min', 'num', 'design', 'color', 'css', 'style', 'theme',
  'input', 'output', 'special', 'stop', 'eos', 'bos', 'pad', 'unk', 'mask', 'sep', 'cls', 'expected', 'current', 'last',
]);

function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** Decides from an identifier whether it names a secret, and which kind. */
const SECRET_SUFFIX = /(?:password|passwd|pwd|passphrase|passwort|contrasena|motdepasse|pass|secret|token|key|credentials?|pat|key_?base)$/i;

const PASS_NOT_SECRET = new Set([
  'by', 'bypass', 'first', 'second', 'third', 'single', 'multi', 'render', 'shader', 'compile', 'boarding', 'day',
  'season', 'can', 'should', 'will', 'must', 'test', 'tests', 'allow', 'allowed', 'no', 'one', 'two', 'next', 'last',
  'hall', 'free', 'mountain', 'through', 'fast', 'slow', 'main', 'final', 'extra', 'post', 'pre', 'lint', 'did', 'to',
]);
const PAT_HOSTS = new Set(['github', 'gh', 'gitlab', 'gl', 'azure', 'devops', 'ext', 'ado', 'vsts', 'personal', 'access', 'bitbucket', 'gitea', 'hf', 'npm', 'docker', 'dockerhub', 'api', 'git', 'figma', 'airtable', 'jira', 'confluence', 'atlassian', 'sonar', 'pypi']);
const KEY_NOT_SECRET = new Set([
  'cache', 'sort', 'primary', 'foreign', 'storage', 'local', 'map', 'hash', 'dict', 'lookup', 'index', 'react', 'item',
  'row', 'column', 'partition', 'shard', 'route', 'query', 'i18n', 'translation', 'message', 'label', 'state', 'store',
  'context', 'event', 'action', 'type', 'node', 'object', 'public', 'pub', 'unique', 'composite', 'natural', 'sub',
  'parent', 'child', 'group', 'list', 'field', 'prop', 'property', 'attr', 'attribute', 'data', 'form', 'menu', 'tab',
  'hot', 'short', 'cut', 'shortcut', 'modifier', 'keyboard', 'dedupe', 'dedup', 'idempotency', 'cursor', 'page', 'next',
  'prev', 'range', 'start', 'end', 'min', 'max', 'sign', 'music', 'piano', 'color', 'theme', 'style', 'css', 'schema',
  'table', 'entity', 'model', 'record', 'doc', 'document', 'bucket', 'object', 'file', 'path', 'name', 'id', 'lock',
  'translate', 'text', 'string', 'locale', 'manager', 'release', 'fingerprint', 'checksum', 'digest', 'version', 'env', 'config', 'setting', 'lang', 'nav', 'route', 'unknown', 'default', 'init', 'metric', 'tag',
]);

/**
 * Decides from an identifier whether it names a secret. `strong` marks names that are only sometimes
 * secrets (`OPENAI_KEY` yes, `cacheKey` no): those need a value that looks machine-made.
 */
export function classifyName(name: string): { kind: NameKind; strong: boolean } | undefined {
  // Most names the keywords lead to (`keys`, `tokenize`, `monkey`) fail here, before the costlier split.
  if (!SECRET_SUFFIX.test(name)) return undefined;
  const words = splitWords(name);
  const last = words[words.length - 1];
  const prev = words[words.length - 2];
  if (last === undefined) return undefined;
  const secret = { kind: 'secret' as const, strong: false };
  const password = { kind: 'password' as const, strong: false };
  switch (last) {
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'passphrase':
    case 'passwort':
    case 'contrasena':
    case 'motdepasse':
      return password;
    case 'pass':
      return prev !== undefined && !PASS_NOT_SECRET.has(prev) ? password : undefined;
    case 'secret':
      return prev === undefined || !['not', 'is', 'has', 'no', 'show', 'hide', 'toggle'].includes(prev) ? secret : undefined;
    case 'token':
      return prev !== undefined && TOKEN_NOT_SECRET.has(prev) ? undefined : secret;
    case 'pat':
      // PAT is a personal access token next to a host name; elsewhere it is usually short for "pattern".
      return prev !== undefined && PAT_HOSTS.has(prev) ? secret : undefined;
    case 'apikey':
    case 'secretkey':
    case 'accesskey':
    case 'privatekey':
    case 'apitoken':
    case 'authtoken':
    case 'accesstoken':
    case 'clientsecret':
    case 'credential':
    case 'credentials':
      return secret;
    case 'base':
      // Rails and Phoenix: secret_key_base.
      return prev === 'key' && words[words.length - 3] === 'secret' ? secret : undefined;
    case 'key':
      if (prev !== undefined && KEY_QUALIFIERS.has(prev)) return secret;
      if (prev === undefined || KEY_NOT_SECRET.has(prev)) return undefined;
      return { kind: 'secret', strong: true };
    default:
      // Words run together: PGPASSWORD, dbpassword, GITHUBTOKEN.
      if (/^[a-z]{2,}(?:password|passwd)$/.test(last)) return password;
      if (/^[a-z]{2,}(?:secret|apikey|authtoken|accesstoken)$/.test(last)) return secret;
      if (/^[a-z]{3,}key$/.test(last) && !KEY_NOT_SECRET.has(last.slice(0, -3)) && last !== 'monkey' && last !== 'turkey' && last !== 'hotkey') {
        return { kind: 'secret', strong: true };
      }
      return undefined;
  }
}

const CODE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'go', 'java', 'kt', 'kts', 'scala', 'groovy', 'c', 'h', 'cc',
  'cpp', 'cxx', 'hpp', 'cs', 'rs', 'rb', 'php', 'swift', 'm', 'mm', 'dart', 'lua', 'pl', 'pm', 'r', 'jl', 'ex', 'exs',
  'erl', 'hs', 'clj', 'fs', 'vb', 'vue', 'svelte', 'sol', 'zig', 'nim', 'map',
]);

const LOCKFILES = /(?:^|[/!\\])(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|composer\.lock|poetry\.lock|Pipfile\.lock|go\.sum|packages\.lock\.json|flake\.lock|mix\.lock|pubspec\.lock)$/;

function extensionOf(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function isCodePath(path: string): boolean {
  return CODE_EXTENSIONS.has(extensionOf(path));
}

export function isLockfile(path: string): boolean {
  return LOCKFILES.test(path);
}

function isIdentChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x24
  );
}

const NOT_VALUES = new Set([
  'null', 'none', 'nil', 'true', 'false', 'undefined', 'empty', 'string', 'required', 'optional', 'default', 'password',
  'secret', 'token', 'admin', 'root', 'test', 'testing', 'guest', 'user', 'username', 'hidden', 'masked', 'unset',
  'notset', 'not_set', 'todo', 'tbd', 'secure', 'prompt', 'env', 'environment', 'random', 'generated', 'auto', 'sensitive',
]);

const REFERENCE = /^(?:\$\{|\$\(|\$[A-Za-z_][A-Za-z0-9_]*$|%[A-Za-z_][A-Za-z0-9_]*%$|@[A-Za-z_][\w.]*@?$|process\.env|import\.meta|os\.environ|os\.getenv|env\(|env\.|ENV\[|getenv|System\.getenv|secrets\.|vars\.|var\.|local\.|data\.|module\.|self\.|this\.|config\.|settings\.|vault:|ssm:|arn:|ref\+|op:\/\/|sm:\/\/|awssm|azurekv|gcpsm|file:|path:|keychain:|\{)/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^v?\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]+)?$/;
const SRI = /^(?:sha1|sha256|sha384|sha512|md5)[-:]/i;
/** A path: only word-like segments, and either rooted (`/`, `./`, `~/`) or ending in a file extension. */
const PATH_SHAPE = /^(?:~|\.{1,2}|[A-Za-z]:)?[\\/]?(?:[\w.@-]+[\\/])*[\w.@-]+[\\/]?$/;
const PATH_ROOTED = /^(?:~|\.{1,2}|[A-Za-z]:)?[\\/]/;
const FILE_EXTENSION = /\.(?:pem|key|crt|cer|p12|pfx|jks|keystore|json|ya?ml|txt|env|ini|conf|cfg|properties|xml|gpg|asc|pub|der|p8|ppk|kdbx|enc|age)$/i;
const CAMEL_WORDS = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+$|^[a-z]+(?:_[a-z]+)+$|^[A-Z]+(?:_[A-Z]+)+$|^[a-z]+(?:-[a-z]+)+$/;
const FUNCTION_CALL = /[A-Za-z_$][\w$]*\s*\(|^\(|=>|[{}]|\(\?[:=!<]|\\[dwsbDWS]|\[\^/;
const MEMBER_ACCESS = /^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+$/;
/** Words that people put in fixtures and examples; with digits or symbols around them they are still fake. */
const WEAK_WORDS = new Set([
  'password', 'passwd', 'secret', 'test', 'testing', 'demo', 'sample', 'example', 'letmein', 'qwerty', 'admin',
  'changeit', 'default', 'dummy', 'fake', 'foo', 'bar', 'foobar', 'abc', 'abcdef', 'pass', 'mypassword', 'mysecret',
  'testpassword', 'testsecret', 'token', 'mytoken', 'apikey', 'key', 'user', 'root', 'guest', 'welcome', 'hello',
  'helloworld', 'xyz', 'asdf', 'passw', 'pwd', 'pw', 'secretkey', 'secretpassword', 'supersecret', 'topsecret',
]);

function isPathLike(value: string): boolean {
  if (!PATH_SHAPE.test(value)) return false;
  if (!(PATH_ROOTED.test(value) || FILE_EXTENSION.test(value) || (value.match(/[\\/]/g) ?? []).length >= 2)) return false;
  // Base64 keys contain slashes too, but a path is made of words: far lower entropy.
  return shannonEntropy(value) < 4.2;
}

/** Character classes used: lower, upper, digit, other. */
function classCount(value: string): number {
  let lower = 0, upper = 0, digit = 0, other = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) lower = 1;
    else if (c >= 0x41 && c <= 0x5a) upper = 1;
    else if (c >= 0x30 && c <= 0x39) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/** True when the value could plausibly be a real credential for a name of this kind. */
export function plausibleSecretValue(raw: string, kind: NameKind, name: string, minified: boolean, strongOnly = false): boolean {
  const value = asUtf8(raw);
  const min = kind === 'password' ? 6 : 12;
  if (value.length < min || value.length > 400) return false;
  if (/\s/.test(value)) return false;
  const lower = value.toLowerCase();
  if (NOT_VALUES.has(lower)) return false;
  if (REFERENCE.test(value)) return false;
  if (value.includes('://')) return false;
  if (UUID.test(value) || VERSION.test(value) || SRI.test(value)) return false;
  if (lower.startsWith('data:')) return false;
  if (isPathLike(value)) return false;
  if (/^\d+$/.test(value)) return false;
  if (CAMEL_WORDS.test(value) || CAMEL_WORDS.test(value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ''))) return false;
  if (FUNCTION_CALL.test(value) || MEMBER_ACCESS.test(value)) return false;
  if (isPlaceholderSecret(value)) return false;
  // A value that spells its own name (`"id-it-revPassphrase"` for SN_id_it_revPassphrase) is a label.
  const bare = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const nameBare = bare(name);
  const valueBare = bare(value);
  if (valueBare.length > 0 && (nameBare.includes(valueBare) || valueBare.includes(nameBare))) return false;
  if (WEAK_WORDS.has(lower.replace(/[^a-z]+/g, ''))) return false;
  const letterOnly = /^[\p{L}\p{M}（）()・ー]+$/u.test(value);
  const entropy = shannonEntropy(value);
  const classes = classCount(value);
  if (strongOnly) {
    // Names that are only sometimes secrets (`*_KEY`, `*Key`): accept only values that look machine-made.
    const digits = value.replace(/[^0-9]/g, '').length;
    return value.length >= 16 && digits >= 3 && /[A-Za-z]/.test(value) && entropy >= 3.5;
  }
  // Words joined by separators (`Entschlüsselungs-Passwort`, `*all*authentication*tokens*`, `geheim$parole`)
  // are labels, prose and examples; generated secrets mix in digits or capitals.
  const words = value.match(/[\p{L}\p{M}]{3,}/gu) ?? [];
  if (!/[0-9]/.test(value) && words.length >= 2 && words.every((w) => /^\p{Lu}?[\p{Ll}\p{M}]+$/u.test(w))) return false;
  if (kind === 'password') {
    // Letter-only values under password names are labels and translations ("Passwort", "Mot de passe").
    if (letterOnly && (value.length < 16 || /^\p{Lu}?[\p{Ll}\p{Lo}\p{M}]+$/u.test(value))) return false;
    if (entropy < (minified ? 3.2 : 2.5)) return false;
  } else {
    if (letterOnly && /^(?:\p{Ll}+|\p{Lu}+|\p{Lo}+)$/u.test(value)) return false;
    if (classes < 2) return false;
    if (entropy < (minified ? 3.6 : 3.0)) return false;
    // Machine-made tokens nearly always contain digits; letter-only values are usually words run together.
    if (!/[0-9]/.test(value) && entropy < 4.2) return false;
  }
  return true;
}

const MAX_VALUE = 400;

/**
 * Finds generic candidates around the given keyword end offsets.
 * `keywordEnds` are [keywordLength, endOffset] pairs into `text`, in ascending order.
 */
export function findGenericCandidates(
  text: string,
  path: string,
  keywordEnds: readonly (readonly [number, number])[],
): GenericCandidate[] {
  if (isLockfile(path)) return [];
  const code = isCodePath(path);
  const minifiedFile = /\.min\.(?:js|css|mjs)$/.test(path);
  const out: GenericCandidate[] = [];
  let doneUntil = -1;
  for (const [length, end] of keywordEnds) {
    const kwStart = end - length;
    if (kwStart < doneUntil) continue;
    let s = kwStart;
    let e = end;
    // Keywords such as `_pass` or `pass=` carry a delimiter; trim to the identifier part.
    while (s < e && !isIdentChar(text.charCodeAt(s))) s++;
    while (e > s && !isIdentChar(text.charCodeAt(e - 1))) e--;
    const leftLimit = Math.max(0, s - 120);
    while (s > leftLimit && isIdentChar(text.charCodeAt(s - 1))) s--;
    const rightLimit = Math.min(text.length, e + 120);
    while (e < rightLimit && isIdentChar(text.charCodeAt(e))) e++;
    doneUntil = e;
    // A trailing dot or dash belongs to the syntax, not the name (`password.` / `api-key-`).
    let nameEnd = e;
    while (nameEnd > s && (text.charCodeAt(nameEnd - 1) === 0x2e || text.charCodeAt(nameEnd - 1) === 0x2d)) nameEnd--;
    const name = text.slice(s, nameEnd).replace(/^[$.-]+/, '');
    const named = classifyName(name);
    if (named === undefined) continue;
    const parsed = parseAssignedValue(text, s, nameEnd, code, path);
    if (parsed === undefined) continue;
    const minified = minifiedFile || lineLengthAt(text, parsed.start) > 1000;
    if (!plausibleSecretValue(parsed.value, named.kind, name, minified, named.strong)) continue;
    out.push({
      ruleId: named.kind === 'password' ? 'generic-password' : 'generic-secret',
      secret: parsed.value,
      start: parsed.start,
      name,
    });
    doneUntil = parsed.start + parsed.value.length;
  }
  return out;
}

function lineLengthAt(text: string, offset: number): number {
  const start = text.lastIndexOf('\n', offset) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return end - start;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i;
}

type Parsed = { value: string; start: number } | undefined;

/** Reads a quoted string starting at the opening quote `text[i]`, on one line. */
function quotedAt(text: string, i: number): Parsed {
  const q = text[i];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  const start = i + 1;
  let j = start;
  const limit = Math.min(text.length, start + MAX_VALUE);
  while (j < limit) {
    const ch = text.charCodeAt(j);
    if (ch === 0x5c) {
      j += 2;
      continue;
    }
    if (ch === 0x0a || ch === 0x0d) return undefined;
    if (text[j] === q) break;
    j++;
  }
  if (j >= limit || text[j] !== q) return undefined;
  return { value: text.slice(start, j), start };
}

/** Text content of an element whose start tag ends at `gt` (`>value<`), on one line. */
function elementTextAt(text: string, gt: number): Parsed {
  const close = text.indexOf('<', gt + 1);
  if (close < 0 || close - gt > MAX_VALUE) return undefined;
  const raw = text.slice(gt + 1, close);
  const value = raw.trim();
  if (value.length === 0 || value.includes('\n')) return undefined;
  return { value, start: gt + 1 + raw.indexOf(value) };
}

const GROOVY_LIKE = /\.(?:gradle|groovy|kts|rb|gemspec|podspec)$/i;
const YAML_FILE = /\.ya?ml$/i;
/** The name is the value of a `key`/`name` field: `<add key="X" value="…">`, `- name: X` + `value: …`, HAR headers. */
const NAME_FIELD_BEFORE = /(?:\b(?:key|name)\s*(?:=|:)\s*["']?|"(?:key|name)"\s*:\s*")$/i;
const VALUE_FIELD_AFTER = /^["']?[ \t]*(?:,[ \t]*)?\r?\n?[ \t]*-?[ \t]*"?value"?[ \t]*(?:=|:)[ \t]*/i;

/** Parses the value assigned to the name at [nameStart, nameEnd), in the many shapes configuration and code use. */
function parseAssignedValue(text: string, nameStart: number, nameEnd: number, code: boolean, path: string): Parsed {
  let i = nameEnd;
  const before = nameStart > 0 ? text[nameStart - 1] : '';
  const lead = text.slice(Math.max(0, nameStart - 24), nameStart);

  // <key>NAME</key><string>VALUE</string> (property lists).
  if (before === '>' && text.startsWith('</key>', i)) {
    const m = /^<\/key>\s*<string>/.exec(text.slice(i, i + 80));
    return m ? elementTextAt(text, i + m[0].length - 1) : undefined;
  }
  // <add key="SmtpPassword" value="…"/>, env lists `- name: X` / `value: "…"`, HAR `{"name": "x", "value": "…"}`.
  if (NAME_FIELD_BEFORE.test(lead)) {
    const m = VALUE_FIELD_AFTER.exec(text.slice(i, i + 120));
    if (m) return valueAt(text, i + m[0].length, code, path);
    // <property name="connection.password">VALUE</property>
    const element = /^["']\s*>/.exec(text.slice(i, i + 4));
    if (element) return elementTextAt(text, i + element[0].length - 1);
    return undefined;
  }
  // #define API_KEY "…"
  if (/#\s*define\s+$/.test(lead)) return quotedAt(text, skipSpaces(text, i));

  // Quoted keys: "api_key": …, 'password' => …
  if ((before === '"' || before === "'" || before === '`') && text[i] === before) i++;
  // XML element <password>value</password>.
  if (before === '<' && text[i] === '>') return elementTextAt(text, i);
  const afterName = i;
  i = skipSpaces(text, i);
  const c = text[i];
  const c2 = text[i + 1];
  if (c === ':' && c2 === '=') i += 2;
  else if (c === '=' && c2 === '>') i += 2;
  else if (c === '?' && c2 === '=') i += 2;
  else if (c === '=') {
    if (c2 === '=' || c2 === '~') return undefined;
    i += 1;
  } else if (c === ':') {
    if (c2 === ':') return undefined;
    i += 1;
    // Type annotations: `password: str = "…"`, `const KEY: &str = "…"`, `key: &'static str = "…"`.
    const annotated = /^[ \t]*[A-Za-z_&'][\w.[\]|<> ,&':]*?[ \t]*=(?!=)/.exec(text.slice(i, i + 80));
    if (code && annotated && !/^[ \t]*["'`]/.test(text.slice(i, i + 3))) i += annotated[0].length;
  } else if (GROOVY_LIKE.test(path) && i > afterName && (c === '"' || c === "'")) {
    // Groovy/Ruby DSL calls without parentheses: storePassword "…"
    return quotedAt(text, i);
  } else return undefined;
  if (text[i - 1] === '=' && text[i - 2] === '!') return undefined;
  return valueAt(text, skipSpaces(text, i), code, path);
}

function valueAt(text: string, i: number, code: boolean, path: string): Parsed {
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') return quotedAt(text, i);
  // JSON.stringify('…') in bundler define maps.
  if (text.startsWith('JSON.stringify(', i)) return quotedAt(text, i + 15);
  // Unquoted values are expressions in code; in configuration they are the value itself.
  if (code) return undefined;
  // In YAML an unquoted *x is an alias when an anchor &x exists, and !Tag is a tag; otherwise it is the value.
  if (YAML_FILE.test(path) && (q === '*' || q === '&' || q === '!')) {
    const word = /^[*&!]!?([A-Za-z_][\w-]*)/.exec(text.slice(i, i + 64))?.[1];
    if (q === '&') return undefined;
    if (q === '*' && word !== undefined && text.includes(`&${word}`)) return undefined;
    if (q === '!' && word !== undefined && /^[A-Za-z]+$/.test(word) && word.length <= 12 && /^[ \t\r\n]|^$/.test(text.slice(i + 1 + word.length, i + 2 + word.length))) {
      return undefined;
    }
  }
  const start = i;
  let j = start;
  const limit = Math.min(text.length, start + MAX_VALUE);
  while (j < limit) {
    const ch = text.charCodeAt(j);
    if (ch <= 0x20 || ch === 0x2c || ch === 0x3b || ch === 0x22 || ch === 0x27 || ch === 0x60 || ch === 0x3c || ch === 0x29 || ch === 0x7d || ch === 0x5d) break;
    j++;
  }
  if (j === start) return undefined;
  return { value: text.slice(start, j), start };
}
