/**
 * Loads leakproof.config.{json,yaml,yml}: finds it, parses it, validates it against the shipped JSON
 * Schema and returns a fully defaulted, typed object.
 *
 * Every problem in a file is reported at once (one CONFIG_INVALID listing each JSON path), because
 * fixing a config one error per run is miserable. Syntax errors stop earlier, with line:column.
 *
 * Adding a section later (pack, index, ledger, policy): describe it in the schema, add its type and
 * default to LeakproofConfig / DEFAULT_CONFIG, and a line in `normalise`. Nothing else changes.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type RuleAllowlist, type Severity } from '../engines/secrets/types.js';
import { LeakproofError } from '../errors.js';
import type { FormatName } from '../report/options.js';
import { closest, invalid, userRuleToSpec } from './rule-config.js';
import { shownPath } from './paths.js';

export { applyRuleConfig, userRulesToSpecs } from './rule-config.js';

export const CONFIG_FILE_NAMES = ['leakproof.config.json', 'leakproof.config.yaml', 'leakproof.config.yml'] as const;

export interface UserRuleConfig {
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly pattern: string;
  readonly flags?: string;
  readonly keywords: readonly string[];
  readonly secretGroup?: number;
  readonly entropy?: number;
  readonly allowlist?: RuleAllowlist;
  readonly remedy?: string;
  readonly tags?: readonly string[];
}

export interface RuleOverride {
  readonly severity?: Severity;
  /** Added to the rule's own allowlist. */
  readonly allowlist?: RuleAllowlist;
}

export interface GlobalAllowlist {
  /** RegExp sources tested against the display path: findings there are dropped. */
  readonly paths: readonly string[];
  /** RegExp sources tested against the secret. */
  readonly secrets: readonly string[];
  /** Lowercase substrings: a secret containing one is dropped. */
  readonly stopwords: readonly string[];
}

export interface ArchiveLimits {
  readonly maxEntries: number;
  /** Bytes. */
  readonly maxTotalSize: number;
  /** Bytes. */
  readonly maxEntrySize: number;
  readonly maxDepth: number;
}

export interface DecodeOptions {
  readonly enabled: boolean;
  readonly maxDepth: number;
}

export interface LeakproofConfig {
  readonly exclude: readonly string[];
  readonly respectGitignore: boolean;
  /** Bytes. */
  readonly maxFileSize: number;
  readonly failOn: Severity;
  readonly format: FormatName;
  readonly rules: readonly UserRuleConfig[];
  readonly disableRules: readonly string[];
  readonly ruleOverrides: ReadonlyMap<string, RuleOverride>;
  readonly allowlist: GlobalAllowlist;
  readonly archives: ArchiveLimits;
  readonly decode: DecodeOptions;
}

export interface LoadedConfig extends LeakproofConfig {
  /** Absolute path of the file the configuration came from, or null when none was found (all defaults). */
  readonly source: string | null;
}

const MiB = 1024 * 1024;

export const DEFAULT_CONFIG: LeakproofConfig = {
  exclude: [],
  respectGitignore: true,
  maxFileSize: 64 * MiB,
  failOn: 'low',
  format: 'text',
  rules: [],
  disableRules: [],
  ruleOverrides: new Map(),
  allowlist: { paths: [], secrets: [], stopwords: [] },
  archives: { maxEntries: 100_000, maxTotalSize: 1024 * MiB, maxEntrySize: 64 * MiB, maxDepth: 3 },
  decode: { enabled: true, maxDepth: 2 },
};

// ---------------------------------------------------------------------------------------------
// Finding and reading the file

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}


async function findConfigFile(cwd: string, explicitPath: string | undefined): Promise<string | null> {
  if (explicitPath !== undefined) {
    const file = resolve(cwd, explicitPath);
    if (!(await isFile(file))) {
      throw new LeakproofError('INPUT_NOT_FOUND', `config file not found: ${explicitPath}`, { where: explicitPath });
    }
    return file;
  }
  const present: string[] = [];
  for (const name of CONFIG_FILE_NAMES) if (await isFile(resolve(cwd, name))) present.push(name);
  if (present.length > 1) {
    // Silently preferring one would leave the user editing a file that has no effect.
    throw new LeakproofError('CONFIG_INVALID', `found ${present.join(' and ')}: keep only one configuration file`, { where: cwd });
  }
  return present[0] === undefined ? null : resolve(cwd, present[0]);
}

/**
 * Loads the configuration of a scan rooted at `cwd`: the file given by --config (relative to cwd),
 * else the one config file in cwd, else the defaults.
 */
export async function loadConfig(cwd: string, explicitPath?: string): Promise<LoadedConfig> {
  const file = await findConfigFile(cwd, explicitPath);
  if (file === null) return { ...DEFAULT_CONFIG, source: null };
  const where = shownPath(cwd, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LeakproofError('INPUT_UNREADABLE', `cannot read config file: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, {
      where,
      cause: error,
    });
  }
  return { ...(await parseConfigText(text, file, where)), source: file };
}

/** Parses and validates configuration text. `file` decides the syntax (.json is JSON, anything else YAML). */
export async function parseConfigText(text: string, file: string, where: string = file): Promise<LeakproofConfig> {
  // The YAML parser, the schema validator and the regex analyser load only when a config needs them:
  // together they are most of leakproof's start-up time.
  const raw = file.toLowerCase().endsWith('.json') ? parseJson(text, where) : parseYaml(text, where, await import('yaml'));
  return validateConfig(raw ?? {}, where);
}

// ---------------------------------------------------------------------------------------------
// Syntax

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${line}:${offset - lineStart + 1}`;
}

function parseJson(text: string, where: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    // Node 20's message has no position and quotes the text, so locate the error ourselves.
    const problem = locateJsonError(body) ?? { offset: 0, message: 'not valid JSON' };
    throw new LeakproofError('CONFIG_PARSE', `invalid JSON at line ${lineColumn(body, problem.offset)}: ${problem.message}`, {
      where,
      cause: error,
    });
  }
}

function parseYaml(text: string, where: string, yaml: typeof import('yaml')): unknown {
  const doc = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = first.linePos?.[0];
    const at = pos === undefined ? lineColumn(text, first.pos[0]) : `${pos.line}:${pos.col}`;
    // Only the parser's own words: its pretty form quotes the offending line, which may hold a secret.
    throw new LeakproofError('CONFIG_PARSE', `invalid YAML at line ${at}: ${first.message.split('\n')[0] ?? ''}`, { where });
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new LeakproofError('CONFIG_PARSE', `invalid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`, { where, cause: error });
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** The first syntax error of invalid JSON: its offset and a description that never quotes the text. */
export function locateJsonError(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonSyntaxError(i, message);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const unexpected = (): never =>
    i >= text.length ? fail('unexpected end of file') : fail(`unexpected character ${JSON.stringify(text.charAt(i))}`);
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else unexpected();
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) fail('control character in string');
      if (c === 92) {
        i++;
        const e = text.charAt(i);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape');
          i += 5;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i++;
        else fail('invalid escape');
      } else i++;
    }
    fail('unterminated string');
  };
  const number = (): void => {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m === null) unexpected();
    else i += m[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nesting too deep');
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) === '}') fail('trailing comma');
        if (text.charAt(i) !== '"') fail('expected a quoted key');
        string();
        ws();
        if (text.charAt(i) !== ':') fail("expected ':'");
        i++;
        value(depth + 1);
        ws();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === '}') {
          i++;
          return;
        } else fail("expected ',' or '}'");
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) === ']') fail('trailing comma');
        value(depth + 1);
        ws();
        if (text.charAt(i) === ',') i++;
        else if (text.charAt(i) === ']') {
          i++;
          return;
        } else fail("expected ',' or ']'");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else unexpected();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Schema validation

let compiledSchema: ValidateFunction | undefined;

/** The schema validator, compiled on first use from the schema file shipped in the package. */
async function schemaValidator(): Promise<ValidateFunction> {
  if (compiledSchema === undefined) {
    const { Ajv } = await import('ajv');
    // src/io and dist/io both sit two levels below the package root, where schema/ ships.
    const schema = JSON.parse(readFileSync(new URL('../../schema/leakproof.config.schema.json', import.meta.url), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    // Our annotation: a human sentence for a failed `pattern`.
    ajv.addVocabulary(['x-error']);
    compiledSchema = ajv.compile(schema);
  }
  return compiledSchema;
}

function formatPath(data: unknown, pointer: string, extra?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) segments.push(extra);
  let out = '';
  let node: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(node)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out === '' ? '(root)' : out;
}



const TYPE_WORDS: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

function describeError(error: ErrorObject, data: unknown): string | undefined {
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  if ('propertyName' in error && typeof error.propertyName === 'string') {
    // A bad key in a keyed map (ruleOverrides): point at the key itself.
    return `${formatPath(data, error.instancePath, error.propertyName)}: ${typeof schema['x-error'] === 'string' ? `key ${schema['x-error']}` : 'is not an allowed key'}`;
  }
  switch (error.keyword) {
    case 'propertyNames':
      return undefined; // reported through the inner error above
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys(schema['properties'] ?? {});
      const hint = closest(key, known);
      return `${formatPath(data, error.instancePath, key)}: unknown key${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`;
    }
    case 'required':
      return `${formatPath(data, error.instancePath, String(params['missingProperty']))}: is required`;
    case 'enum':
      return `${formatPath(data, error.instancePath)}: must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
    case 'type': {
      const types = String(params['type']).split(',');
      return `${formatPath(data, error.instancePath)}: must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`;
    }
    case 'pattern':
      return `${formatPath(data, error.instancePath)}: ${typeof schema['x-error'] === 'string' ? schema['x-error'] : `must match ${String(params['pattern'])}`}`;
    case 'minimum':
      return `${formatPath(data, error.instancePath)}: must be at least ${String(params['limit'])}`;
    case 'maximum':
      return `${formatPath(data, error.instancePath)}: must be at most ${String(params['limit'])}`;
    case 'minLength':
      return params['limit'] === 1
        ? `${formatPath(data, error.instancePath)}: must not be empty`
        : `${formatPath(data, error.instancePath)}: must be at least ${String(params['limit'])} characters long`;
    default:
      return `${formatPath(data, error.instancePath)}: ${error.message ?? 'is invalid'}`;
  }
}


// ---------------------------------------------------------------------------------------------
// Normalising

type Raw = Record<string, unknown>;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: MiB, gb: 1e9, gib: 1024 * MiB };

/** Bytes from a schema-valid size: a number of bytes or a string like `64MiB` (KB = 1000, KiB = 1024). */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = SIZE_UNITS[(m?.[2] ?? '').toLowerCase()];
  if (m === null || unit === undefined) return NaN;
  return Math.floor(Number(m[1]) * unit);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function normaliseAllowlist(raw: unknown): RuleAllowlist | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const a = raw as Raw;
  const out: { -readonly [K in keyof RuleAllowlist]: RuleAllowlist[K] } = {};
  if (a['secretPatterns'] !== undefined) out.secretPatterns = stringList(a['secretPatterns']);
  if (a['stopwords'] !== undefined) out.stopwords = stringList(a['stopwords']).map((w) => w.toLowerCase());
  if (a['pathPatterns'] !== undefined) out.pathPatterns = stringList(a['pathPatterns']);
  if (a['matchPatterns'] !== undefined) out.matchPatterns = stringList(a['matchPatterns']);
  return out;
}

function normaliseRule(raw: Raw): UserRuleConfig {
  const rule: { -readonly [K in keyof UserRuleConfig]: UserRuleConfig[K] } = {
    id: String(raw['id']),
    description: String(raw['description']),
    severity: raw['severity'] as Severity,
    pattern: String(raw['pattern']),
    keywords: stringList(raw['keywords']).map((k) => k.toLowerCase()),
  };
  if (typeof raw['flags'] === 'string') rule.flags = raw['flags'];
  if (typeof raw['secretGroup'] === 'number') rule.secretGroup = raw['secretGroup'];
  if (typeof raw['entropy'] === 'number') rule.entropy = raw['entropy'];
  const allowlist = normaliseAllowlist(raw['allowlist']);
  if (allowlist !== undefined) rule.allowlist = allowlist;
  if (typeof raw['remedy'] === 'string') rule.remedy = raw['remedy'];
  if (raw['tags'] !== undefined) rule.tags = stringList(raw['tags']);
  return rule;
}

function section(raw: Raw, key: string): Raw {
  const value = raw[key];
  return typeof value === 'object' && value !== null ? (value as Raw) : {};
}

/** Turns schema-valid raw data into the typed, defaulted configuration. */
function normalise(raw: Raw): LeakproofConfig {
  const d = DEFAULT_CONFIG;
  const allow = section(raw, 'allowlist');
  const archives = section(raw, 'archives');
  const decode = section(raw, 'decode');
  const overrides = new Map<string, RuleOverride>();
  for (const [id, value] of Object.entries(section(raw, 'ruleOverrides'))) {
    const o = value as Raw;
    const override: { -readonly [K in keyof RuleOverride]: RuleOverride[K] } = {};
    if (o['severity'] !== undefined) override.severity = o['severity'] as Severity;
    const allowlist = normaliseAllowlist(o['allowlist']);
    if (allowlist !== undefined) override.allowlist = allowlist;
    overrides.set(id, override);
  }
  const size = (value: unknown, fallback: number): number => (value === undefined ? fallback : parseSize(value as number | string));
  return {
    exclude: raw['exclude'] === undefined ? d.exclude : stringList(raw['exclude']),
    respectGitignore: (raw['respectGitignore'] as boolean | undefined) ?? d.respectGitignore,
    maxFileSize: size(raw['maxFileSize'], d.maxFileSize),
    failOn: (raw['failOn'] as Severity | undefined) ?? d.failOn,
    format: (raw['format'] as FormatName | undefined) ?? d.format,
    rules: Array.isArray(raw['rules']) ? raw['rules'].map((r) => normaliseRule(r as Raw)) : d.rules,
    disableRules: stringList(raw['disableRules']),
    ruleOverrides: overrides,
    allowlist: {
      paths: stringList(allow['paths']),
      secrets: stringList(allow['secrets']),
      stopwords: stringList(allow['stopwords']).map((w) => w.toLowerCase()),
    },
    archives: {
      maxEntries: (archives['maxEntries'] as number | undefined) ?? d.archives.maxEntries,
      maxTotalSize: size(archives['maxTotalSize'], d.archives.maxTotalSize),
      maxEntrySize: size(archives['maxEntrySize'], d.archives.maxEntrySize),
      maxDepth: (archives['maxDepth'] as number | undefined) ?? d.archives.maxDepth,
    },
    decode: {
      enabled: (decode['enabled'] as boolean | undefined) ?? d.decode.enabled,
      maxDepth: (decode['maxDepth'] as number | undefined) ?? d.decode.maxDepth,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checks the schema cannot express

function regexProblem(source: string, flags: string): string | undefined {
  try {
    new RegExp(source, flags);
    return undefined;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

function capturingGroups(source: string, flags: string): number {
  // An always-matching alternative makes exec report every group of the pattern.
  return (new RegExp(`|${source}`, flags).exec('')?.length ?? 1) - 1;
}

interface PatternSite {
  readonly path: string;
  readonly source: string;
}

function allowlistSites(path: string, allowlist: RuleAllowlist | undefined): PatternSite[] {
  if (allowlist === undefined) return [];
  const sites: PatternSite[] = [];
  for (const key of ['secretPatterns', 'pathPatterns', 'matchPatterns'] as const) {
    (allowlist[key] ?? []).forEach((source, i) => sites.push({ path: `${path}.allowlist.${key}[${i}]`, source }));
  }
  return sites;
}

async function semanticChecks(config: LeakproofConfig, where: string): Promise<void> {
  const issues: string[] = [];
  const unsafe: string[] = [];
  const sites: PatternSite[] = [];
  const firstIndex = new Map<string, number>();

  const sizes: [string, number][] = [
    ['maxFileSize', config.maxFileSize],
    ['archives.maxTotalSize', config.archives.maxTotalSize],
    ['archives.maxEntrySize', config.archives.maxEntrySize],
  ];
  for (const [path, bytes] of sizes) {
    if (!Number.isSafeInteger(bytes) || bytes < 1) issues.push(`${path}: must be at least 1 byte and at most ${Number.MAX_SAFE_INTEGER} bytes`);
  }

  config.rules.forEach((rule, i) => {
    const at = `rules[${i}]`;
    const earlier = firstIndex.get(rule.id);
    if (earlier !== undefined) issues.push(`${at}.id: duplicate id '${rule.id}' (also rules[${earlier}])`);
    else firstIndex.set(rule.id, i);
    const flags = rule.flags ?? '';
    const problem = regexProblem(rule.pattern, flags);
    if (problem !== undefined) issues.push(`${at}.pattern: ${problem}`);
    else if (rule.secretGroup !== undefined && rule.secretGroup > capturingGroups(rule.pattern, flags)) {
      issues.push(`${at}.secretGroup: the pattern has only ${capturingGroups(rule.pattern, flags)} capturing group(s)`);
    }
    sites.push(...allowlistSites(at, rule.allowlist));
  });
  for (const [id, override] of config.ruleOverrides) sites.push(...allowlistSites(`ruleOverrides.${id}`, override.allowlist));
  config.allowlist.paths.forEach((source, i) => sites.push({ path: `allowlist.paths[${i}]`, source }));
  config.allowlist.secrets.forEach((source, i) => sites.push({ path: `allowlist.secrets[${i}]`, source }));
  if (sites.length === 0 && config.rules.length === 0) {
    if (issues.length > 0) throw invalid(issues, where);
    return;
  }
  // Loaded only for configurations that carry patterns.
  const { checkPatternSafety, compileUserRule } = await import('../engines/secrets/regex-safety.js');

  for (const site of sites) {
    const problem = regexProblem(site.source, '');
    if (problem !== undefined) issues.push(`${site.path}: ${problem}`);
    else {
      // Allowlist patterns always run on V8, so an unsafe one cannot be rescued by the linear engine.
      const verdict = checkPatternSafety(site.source, '');
      if (!verdict.safe) unsafe.push(`${site.path}: could backtrack catastrophically (${verdict.reason ?? 'unknown'})`);
    }
  }
  if (issues.length > 0) throw invalid(issues, where);

  config.rules.forEach((rule, i) => {
    try {
      compileUserRule(userRuleToSpec({ ...rule, allowlist: {} }));
    } catch (error) {
      if (error instanceof LeakproofError && error.code === 'RULE_UNSAFE_REGEX') unsafe.push(`rules[${i}].pattern: ${error.message}`);
      else throw error;
    }
  });
  if (unsafe.length > 0) throw new LeakproofError('RULE_UNSAFE_REGEX', unsafe.join('\n'), { where });
}

/** Validates raw parsed data (schema, then the checks a schema cannot express) and normalises it. */
export async function validateConfig(raw: unknown, where: string): Promise<LeakproofConfig> {
  const validate = await schemaValidator();
  if (!validate(raw)) {
    const issues = (validate.errors ?? []).map((e) => describeError(e, raw)).filter((m): m is string => m !== undefined);
    throw invalid(issues, where);
  }
  const config = normalise(raw as Raw);
  await semanticChecks(config, where);
  return config;
}

// ---------------------------------------------------------------------------------------------
// Rules





