import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchRule } from '../../src/engines/secrets/compile.js';
import { compileUserRule } from '../../src/engines/secrets/regex-safety.js';
import { SEVERITIES, type RuleSpec } from '../../src/engines/secrets/types.js';
import { FORMATS } from '../../src/report/index.js';
import { LeakproofError } from '../../src/errors.js';
import {
  applyRuleConfig,
  DEFAULT_CONFIG,
  loadConfig,
  locateJsonError,
  parseSize,
  userRulesToSpecs,
  type LoadedConfig,
} from '../../src/io/config.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leakproof-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, text);
  return file;
}

async function loadError(explicit?: string): Promise<LeakproofError> {
  try {
    await loadConfig(dir, explicit);
  } catch (error) {
    expect(error).toBeInstanceOf(LeakproofError);
    return error as LeakproofError;
  }
  throw new Error('expected loadConfig to fail');
}

const FULL = {
  exclude: ['dist/', '**/*.min.js'],
  respectGitignore: false,
  maxFileSize: '1.5MiB',
  failOn: 'high',
  format: 'sarif',
  rules: [
    {
      id: 'acme-token',
      description: 'ACME API token',
      severity: 'critical',
      pattern: 'acme_(?<secret>[a-z0-9]{24})',
      flags: 'i',
      keywords: ['ACME_'],
      entropy: 3,
      allowlist: { stopwords: ['EXAMPLE'], secretPatterns: ['^0+$'] },
      remedy: 'Revoke it in the ACME console.',
      tags: ['acme'],
    },
  ],
  disableRules: ['acme-token'],
  ruleOverrides: { 'acme-token': { severity: 'low', allowlist: { pathPatterns: ['^fixtures/'] } } },
  allowlist: { paths: ['^test/'], secrets: ['^dummy'], stopwords: ['Placeholder'] },
  archives: { maxEntries: 10, maxTotalSize: '10MB', maxEntrySize: 4096, maxDepth: 1 },
  decode: { enabled: false, maxDepth: 3 },
};

const FULL_YAML = `# leakproof configuration
exclude: [dist/, "**/*.min.js"]
respectGitignore: false
maxFileSize: 1.5MiB
failOn: high
format: sarif
rules:
  - id: acme-token
    description: ACME API token
    severity: critical
    pattern: 'acme_(?<secret>[a-z0-9]{24})'
    flags: i
    keywords: [ACME_]
    entropy: 3
    allowlist:
      stopwords: [EXAMPLE]
      secretPatterns: ['^0+$']
    remedy: Revoke it in the ACME console.
    tags: [acme]
disableRules: [acme-token]
ruleOverrides:
  acme-token:
    severity: low
    allowlist: { pathPatterns: ['^fixtures/'] }
allowlist:
  paths: ['^test/']
  secrets: ['^dummy']
  stopwords: [Placeholder]
archives: { maxEntries: 10, maxTotalSize: 10MB, maxEntrySize: 4096, maxDepth: 1 }
decode: { enabled: false, maxDepth: 3 }
`;

function withoutSource(config: LoadedConfig): Omit<LoadedConfig, 'source'> {
  const { source: _source, ...rest } = config;
  return rest;
}

describe('loadConfig: finding and defaults', () => {
  it('returns the defaults, with source null, when there is no config file', async () => {
    const config = await loadConfig(dir);
    expect(config.source).toBeNull();
    expect(withoutSource(config)).toEqual(DEFAULT_CONFIG);
    expect(config.maxFileSize).toBe(64 * 1024 * 1024);
    expect(config.failOn).toBe('low');
    expect(config.respectGitignore).toBe(true);
    expect(config.decode).toEqual({ enabled: true, maxDepth: 2 });
  });

  it('fills every default for an empty object and for an empty YAML file', async () => {
    await write('leakproof.config.json', '{}');
    expect(withoutSource(await loadConfig(dir))).toEqual(DEFAULT_CONFIG);
    await rm(join(dir, 'leakproof.config.json'));
    await write('leakproof.config.yaml', '# nothing yet\n');
    expect(withoutSource(await loadConfig(dir))).toEqual(DEFAULT_CONFIG);
  });

  it('fills defaults inside a partly written section', async () => {
    await write('leakproof.config.json', '{ "archives": { "maxDepth": 0 } }');
    const config = await loadConfig(dir);
    expect(config.archives).toEqual({ ...DEFAULT_CONFIG.archives, maxDepth: 0 });
  });

  it('reads a JSON config and normalises it', async () => {
    const file = await write('leakproof.config.json', JSON.stringify(FULL, null, 2));
    const config = await loadConfig(dir);
    expect(config.source).toBe(file);
    expect(config.maxFileSize).toBe(Math.floor(1.5 * 1024 * 1024));
    expect(config.archives).toEqual({ maxEntries: 10, maxTotalSize: 10_000_000, maxEntrySize: 4096, maxDepth: 1 });
    expect(config.rules[0]?.keywords).toEqual(['acme_']);
    expect(config.rules[0]?.allowlist?.stopwords).toEqual(['example']);
    expect(config.allowlist).toEqual({ paths: ['^test/'], secrets: ['^dummy'], stopwords: ['placeholder'] });
    expect(config.ruleOverrides.get('acme-token')).toEqual({ severity: 'low', allowlist: { pathPatterns: ['^fixtures/'] } });
    expect(config.format).toBe('sarif');
    expect(config.decode).toEqual({ enabled: false, maxDepth: 3 });
  });

  it.each(['leakproof.config.yaml', 'leakproof.config.yml'])('reads %s to the same configuration as the JSON form', async (name) => {
    await write('other/leakproof.config.json', JSON.stringify(FULL));
    const fromJson = await loadConfig(join(dir, 'other'));
    const file = await write(name, FULL_YAML);
    const fromYaml = await loadConfig(dir);
    expect(fromYaml.source).toBe(file);
    expect(withoutSource(fromYaml)).toEqual(withoutSource(fromJson));
  });

  it('reads the file given by --config, relative to the scan root, whatever its name', async () => {
    const file = await write('ci/scan.yaml', 'failOn: critical\n');
    await write('leakproof.config.json', '{ "failOn": "info" }');
    const config = await loadConfig(dir, 'ci/scan.yaml');
    expect(config.source).toBe(file);
    expect(config.failOn).toBe('critical');
  });

  it('reports a missing --config file as INPUT_NOT_FOUND', async () => {
    const error = await loadError('nope.json');
    expect(error.code).toBe('INPUT_NOT_FOUND');
    expect(error.oneLine()).toContain('nope.json');
  });

  it('refuses two config files in the scan root', async () => {
    await write('leakproof.config.json', '{}');
    await write('leakproof.config.yml', '{}');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('leakproof.config.json');
    expect(error.message).toContain('leakproof.config.yml');
  });
});

describe('loadConfig: syntax errors', () => {
  it('reports a JSON syntax error with line:column and without quoting the file', async () => {
    await write('leakproof.config.json', '{\n  "failOn": "high",\n  "allowlist": { "secrets": ["sk_live_abcdef"], },\n}\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.where).toBe('leakproof.config.json');
    expect(error.oneLine()).toMatch(/^leakproof\.config\.json: invalid JSON at line 3:49: trailing comma$/);
    expect(error.oneLine()).not.toContain('sk_live');
  });

  it('reports a YAML syntax error with line:column and without quoting the file', async () => {
    await write('leakproof.config.yaml', 'failOn: high\nallowlist:\n  secrets: ["sk_live_abcdef"\nformat: json\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.oneLine()).toMatch(/^leakproof\.config\.yaml: invalid YAML at line \d+:\d+: /);
    expect(error.oneLine()).not.toContain('sk_live');
  });

  it('reports duplicate YAML keys', async () => {
    await write('leakproof.config.yml', 'failOn: high\nfailOn: low\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_PARSE');
    expect(error.message).toContain('line 2:1');
  });

  it('locates JSON errors exactly where JSON.parse rejects (property)', () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '-', '0', '\\'))
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated, fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(locateJsonError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('loadConfig: schema errors', () => {
  it('reports every problem at once, each with its JSON path', async () => {
    await write(
      'leakproof.config.yaml',
      `exclud: [dist]
failOn: severe
maxFileSize: 12 parsecs
respectGitignore: "yes"
rules:
  - { id: one, description: d, severity: high, pattern: a, keywords: [aaa] }
  - { id: two, description: d, severity: high, pattern: b, keywords: [bbb] }
  - id: Bad_Id
    description: d
    severity: urgent
    pattern: c
    keywords: [cc]
    flags: gg
    colour: red
  - { id: four, severity: low, pattern: d, keywords: [] }
ruleOverrides:
  Not.An.Id: { severity: low }
  acme: { sev: low }
archives: { maxDepth: 99, maxEntries: many }
decode: { enabled: 1 }
pack: {}
`,
    );
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.where).toBe('leakproof.config.yaml');
    const problems = error.message.split('\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        "exclud: unknown key (did you mean 'exclude'?)",
        'failOn: must be one of critical, high, medium, low, info',
        'maxFileSize: must be a size such as 64MiB, 500KB or a number of bytes',
        'respectGitignore: must be true or false',
        'rules[2].id: must be a kebab-case rule id such as my-token',
        'rules[2].severity: must be one of critical, high, medium, low, info',
        'rules[2].keywords[0]: must be at least 3 characters long',
        'rules[2].flags: must be a combination of i, m, s and u, each at most once',
        'rules[2].colour: unknown key',
        'rules[3].description: is required',
        'ruleOverrides["Not.An.Id"]: key must be a kebab-case rule id such as my-token',
        'ruleOverrides.acme.sev: unknown key',
        'archives.maxDepth: must be at most 10',
        'archives.maxEntries: must be an integer',
        'decode.enabled: must be true or false',
        'pack: unknown key',
      ]),
    );
    expect(problems).toHaveLength(16);
    expect(error.oneLine()).toContain('leakproof.config.yaml: exclud: unknown key');
    expect(error.oneLine()).toContain('; failOn: must be one of');
  });

  it.each([
    ['leakproof.config.json', '{"__proto__": {"failOn": "info"}}'],
    ['leakproof.config.yaml', '__proto__:\n  failOn: info\n'],
  ])('treats __proto__ in %s as an unknown key, never as a prototype', async (name, text) => {
    await write(name, text);
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.oneLine()).toBe(`${name}: __proto__: unknown key`);
  });

  it('reports a top level that is not an object', async () => {
    await write('leakproof.config.yaml', '- failOn: high\n');
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.oneLine()).toBe('leakproof.config.yaml: (root): must be an object');
  });

  it('reports problems the schema cannot express, all at once', async () => {
    await write(
      'leakproof.config.json',
      JSON.stringify({
        maxFileSize: '0KiB',
        rules: [
          { id: 'dup', description: 'd', severity: 'high', pattern: 'a(b)', keywords: [], secretGroup: 2 },
          { id: 'dup', description: 'd', severity: 'high', pattern: '([a-z]', keywords: [] },
          { id: 'ok', description: 'd', severity: 'high', pattern: 'x', keywords: [], allowlist: { matchPatterns: ['(?<n>'] } },
        ],
        allowlist: { paths: ['[unclosed'] },
      }),
    );
    const error = await loadError();
    expect(error.code).toBe('CONFIG_INVALID');
    const problems = error.message.split('\n');
    expect(problems).toHaveLength(6);
    expect(problems[0]).toBe('maxFileSize: must be at least 1 byte and at most 9007199254740991 bytes');
    expect(problems).toContain('rules[0].secretGroup: the pattern has only 1 capturing group(s)');
    expect(problems).toContain("rules[1].id: duplicate id 'dup' (also rules[0])");
    expect(problems.some((p) => p.startsWith('rules[1].pattern: not a valid regular expression'))).toBe(true);
    expect(problems.some((p) => p.startsWith('rules[2].allowlist.matchPatterns[0]: not a valid regular expression'))).toBe(true);
    expect(problems.some((p) => p.startsWith('allowlist.paths[0]: not a valid regular expression'))).toBe(true);
  });

  it('refuses unsafe patterns that cannot run on the linear engine, and unsafe allowlist patterns', async () => {
    await write(
      'leakproof.config.json',
      JSON.stringify({
        rules: [
          { id: 'fine', description: 'd', severity: 'high', pattern: 'tok_[a-z]{8}', keywords: ['tok_'] },
          { id: 'echo', description: 'd', severity: 'high', pattern: '(\\w+)+=\\1', keywords: [] },
        ],
        allowlist: { secrets: ['^(a|a)*$'] },
      }),
    );
    const error = await loadError();
    expect(error.code).toBe('RULE_UNSAFE_REGEX');
    expect(error.where).toBe('leakproof.config.json');
    const problems = error.message.split('\n');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^allowlist\.secrets\[0\]: could backtrack catastrophically/);
    expect(problems[1]).toMatch(/^rules\[1\]\.pattern: rule 'echo': pattern could backtrack catastrophically .* \(uses backreferences\)$/);
  });

  it('accepts an unsafe pattern that RE2 can run, and the compiled rule survives an attack', async () => {
    await write(
      'leakproof.config.yaml',
      `rules:
  - id: loose-token
    description: A token written with a careless pattern
    severity: medium
    pattern: 'token=((?:[a-z]+)+)!'
    keywords: [token]
`,
    );
    const config = await loadConfig(dir);
    const [spec] = userRulesToSpecs(config);
    expect(spec).toBeDefined();
    const rule = compileUserRule(spec as RuleSpec);
    expect(matchRule(rule, `token=${'a'.repeat(50_000)}`)).toEqual([]);
    expect(matchRule(rule, 'token=abc!').map((m) => m.secret)).toEqual(['abc']);
  });
});

describe('userRulesToSpecs and applyRuleConfig', () => {
  const builtin: RuleSpec[] = [
    {
      id: 'acme-key',
      description: 'ACME key',
      severity: 'high',
      keywords: ['acme'],
      pattern: 'acme_[a-z]{8}',
      allowlist: { stopwords: ['test'] },
      examples: { match: ['acme_abcdefgh'], noMatch: [] },
    },
    { id: 'other-key', description: 'Other key', severity: 'medium', keywords: ['other'], pattern: 'other_[a-z]{8}', examples: { match: [], noMatch: [] } },
  ];

  async function configFrom(value: object): Promise<LoadedConfig> {
    await write('leakproof.config.json', JSON.stringify(value));
    return loadConfig(dir);
  }

  it('turns user rules into specs without examples', async () => {
    const config = await configFrom(FULL);
    expect(userRulesToSpecs(config)).toEqual([
      {
        id: 'acme-token',
        description: 'ACME API token',
        severity: 'critical',
        pattern: 'acme_(?<secret>[a-z0-9]{24})',
        flags: 'i',
        keywords: ['acme_'],
        entropy: 3,
        allowlist: { stopwords: ['example'], secretPatterns: ['^0+$'] },
        remedy: 'Revoke it in the ACME console.',
        tags: ['acme'],
        examples: { match: [], noMatch: [] },
      },
    ]);
  });

  it('disables rules and applies overrides, merging allowlists', async () => {
    const config = await configFrom({
      rules: [{ id: 'mine', description: 'd', severity: 'low', pattern: 'mine_[0-9]{4}', keywords: ['mine_'] }],
      disableRules: ['other-key'],
      ruleOverrides: { 'acme-key': { severity: 'critical', allowlist: { stopwords: ['Sample'] } }, mine: { severity: 'info' } },
    });
    const rules = applyRuleConfig(builtin, config);
    expect(rules.map((r) => [r.id, r.severity])).toEqual([
      ['acme-key', 'critical'],
      ['mine', 'info'],
    ]);
    expect(rules[0]?.allowlist).toEqual({ secretPatterns: [], stopwords: ['test', 'sample'], pathPatterns: [], matchPatterns: [] });
    expect(builtin[0]?.severity).toBe('high');
  });

  it('reports unknown rule ids, with a suggestion, and user rules reusing a built-in id', async () => {
    const config = await configFrom({
      rules: [{ id: 'acme-key', description: 'd', severity: 'low', pattern: 'x', keywords: [] }],
      disableRules: ['acme-kee'],
      ruleOverrides: { 'no-such-rule': { severity: 'low' } },
    });
    let error: unknown;
    try {
      applyRuleConfig(builtin, config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LeakproofError);
    const e = error as LeakproofError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.where).toBe(config.source);
    expect(e.message.split('\n')).toEqual([
      "rules[0].id: 'acme-key' is a built-in rule id (use ruleOverrides to change a built-in rule)",
      "disableRules[0]: no rule has id 'acme-kee' (did you mean 'acme-key'?)",
      "ruleOverrides.no-such-rule: no rule has id 'no-such-rule'",
    ]);
  });
});

describe('parseSize', () => {
  it('reads units as documented (KB = 1000, KiB = 1024, case-insensitive)', () => {
    expect(parseSize(5)).toBe(5);
    expect(parseSize('5')).toBe(5);
    expect(parseSize('5B')).toBe(5);
    expect(parseSize('2kb')).toBe(2000);
    expect(parseSize('2KiB')).toBe(2048);
    expect(parseSize('64MiB')).toBe(64 * 1024 * 1024);
    expect(parseSize('1 GB')).toBe(1e9);
    expect(parseSize('0.5GiB')).toBe(512 * 1024 * 1024);
  });

  it('is monotonic in the number for every unit (property)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.constantFrom('', 'B', 'KB', 'KiB', 'MB', 'MiB', 'GB', 'GiB'), (a, b, unit) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(parseSize(`${lo}${unit}`)).toBeLessThanOrEqual(parseSize(`${hi}${unit}`));
      }),
    );
  });
});

describe('the shipped schema', () => {
  it('is the file package.json exports, and every top-level key is documented', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { exports: Record<string, string> };
    expect(pkg.exports['./schema/config.json']).toBe('./schema/leakproof.config.schema.json');
    const schema = JSON.parse(await readFile(new URL('../../schema/leakproof.config.schema.json', import.meta.url), 'utf8')) as {
      properties: Record<string, unknown>;
    };
    const docs = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    for (const key of Object.keys(schema.properties)) expect(docs, `docs/configuration.md should document ${key}`).toContain(`\`${key}\``);
  });

  it('offers exactly the report formats and severities the rest of leakproof knows', async () => {
    const schema = JSON.parse(await readFile(new URL('../../schema/leakproof.config.schema.json', import.meta.url), 'utf8')) as {
      properties: { format: { enum: string[] } };
      definitions: { severity: { enum: string[] } };
    };
    expect([...schema.properties.format.enum].sort()).toEqual([...FORMATS].sort());
    expect([...schema.definitions.severity.enum].sort()).toEqual([...SEVERITIES].sort());
  });
});
