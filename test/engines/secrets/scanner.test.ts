import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FindingCollector } from '../../../src/engines/secrets/findings.js';
import { KeywordAutomaton } from '../../../src/engines/secrets/prefilter.js';
import { builtinRules } from '../../../src/engines/secrets/rules/index.js';
import { DEFAULT_SCANNER_OPTIONS, SecretScanner } from '../../../src/engines/secrets/scanner.js';
import type { RuleSpec } from '../../../src/engines/secrets/types.js';

const tokenRule: RuleSpec = {
  id: 'acme-token',
  description: 'Acme API token',
  severity: 'high',
  keywords: ['acme_'],
  pattern: '\\b(?<secret>acme_[A-Za-z0-9]{24})\\b',
  examples: { match: [], noMatch: [] },
};
const acme = 'acme_Q7vR2mK9xL4pT8wZ3nB6cD1f';
const scanner = SecretScanner.fromSpecs([tokenRule]);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('KeywordAutomaton', () => {
  it('agrees with a naive case-insensitive search', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z_]{3,6}$/), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'B', 'c', '_', 'x', 'Y', ' ', '\n', 'é'), maxLength: 200 }),
        (keywords, text) => {
          const automaton = new KeywordAutomaton(keywords);
          const fromString = automaton.scan(text);
          const lower = text.toLowerCase();
          keywords.forEach((k, i) => expect(fromString.hit[i] === 1).toBe(lower.includes(k)));
        },
      ),
    );
  });

  it('reports the end offset of every tracked keyword occurrence', () => {
    const automaton = new KeywordAutomaton(['token', 'ken'], new Set([0, 1]));
    const hits = automaton.scan(bytes('a TOKEN and token'));
    const pairs = Array.from({ length: hits.positionCount }, (_, p) => [hits.positions[p * 2], hits.positions[p * 2 + 1]]);
    expect(pairs).toEqual([[0, 7], [1, 7], [0, 17], [1, 17]]);
    expect(hits.ascii).toBe(true);
  });
});

describe('SecretScanner', () => {
  it('finds a token with its line and column', () => {
    const hits = scanner.scanBytes('a.env', bytes(`# config\nTOKEN=${acme}\n`));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ line: 2, column: 7, endLine: 2, endColumn: 7 + acme.length, secret: acme });
  });

  it('costs nothing on text without keywords', () => {
    expect(scanner.scanBytes('a.txt', bytes('hello world\n'.repeat(100)))).toEqual([]);
  });

  it('reports columns in UTF-16 units after non-ASCII text', () => {
    const hits = scanner.scanBytes('a.md', bytes(`héllo wörld ${acme}`));
    expect(hits[0]?.column).toBe(13);
  });

  it('reports non-ASCII secrets as their UTF-8 text, with UTF-16 columns', () => {
    const generic = SecretScanner.fromSpecs([]);
    const hits = generic.scanBytes('.env', bytes('# café\nDB_PASSWORD=Grüß9Zx7qW2\n'));
    expect(hits.map((h) => [h.secret, h.line, h.column, h.endColumn])).toEqual([['Grüß9Zx7qW2', 2, 13, 24]]);
    const decoded = generic.scanBytes('a.yaml', bytes(`# ü\nx: ${Buffer.from('DB_PASSWORD=Grüß9Zx7qW2').toString('base64')}\n`));
    expect(decoded.map((h) => h.secret)).toEqual(['Grüß9Zx7qW2']);
  });

  it('honours inline allow comments on the same and the previous line', () => {
    expect(scanner.scanText('a.js', `const t = "${acme}"; // leakproof:allow`)).toEqual([]);
    expect(scanner.scanText('a.js', `// leakproof:allow-next-line\nconst t = "${acme}";`)).toEqual([]);
    expect(scanner.scanText('a.js', `// leakproof:allow-next-line\n\nconst t = "${acme}";`)).toHaveLength(1);
  });

  it('drops placeholders and template references', () => {
    expect(scanner.scanText('a.env', 'TOKEN=acme_xxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
  });

  it('finds secrets inside base64, hex and percent-encoded strings, to a bounded depth', () => {
    const b64 = Buffer.from(`token: ${acme}`).toString('base64');
    const hits = scanner.scanText('k8s.yaml', `data:\n  config: ${b64}\n`);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ decodedFrom: 'base64', line: 2, column: 11 });

    const hex = Buffer.from(`x=${acme};`).toString('hex');
    expect(scanner.scanText('a.txt', hex)[0]?.decodedFrom).toBe('hex');

    const pct = encodeURIComponent(`{"t":"${acme}"}`);
    expect(scanner.scanText('a.txt', `https://x.test/cb?state=${pct}`)[0]?.decodedFrom).toBe('percent');

    const twice = Buffer.from(Buffer.from(`t=${acme}`).toString('base64')).toString('base64');
    expect(scanner.scanText('a.txt', twice)[0]?.decodedFrom).toBe('base64>base64');
    const thrice = Buffer.from(twice).toString('base64');
    expect(scanner.scanText('a.txt', thrice)).toEqual([]);
    const shallow = SecretScanner.fromSpecs([tokenRule], { ...DEFAULT_SCANNER_OPTIONS, decode: { enabled: false, maxDepth: 0 } });
    expect(shallow.scanText('a.txt', twice)).toEqual([]);
  });
});

describe('generic rule', () => {
  const generic = SecretScanner.fromSpecs([]);
  const ids = (path: string, text: string): string[] => generic.scanText(path, text).map((h) => `${h.rule.id}:${h.secret}`);

  it.each([
    ['.env', 'DB_PASSWORD=Xk9mP2vL8qR4', 'generic-password:Xk9mP2vL8qR4'],
    ['config.yaml', 'smtp:\n  password: "h7$Lq2!zW9pe"', 'generic-password:h7$Lq2!zW9pe'],
    ['app.py', 'API_KEY = "a8f3k2m9x7q1w4e6r5t0y2u8"', 'generic-secret:a8f3k2m9x7q1w4e6r5t0y2u8'],
    ['main.go', 'clientSecret := "Zq4mN8vX2kL7pR3tW9yB"', 'generic-secret:Zq4mN8vX2kL7pR3tW9yB'],
    ['settings.json', '{ "auth_token": "f0e9d8c7b6a5948372615a4b3c2d1e0f" }', 'generic-secret:f0e9d8c7b6a5948372615a4b3c2d1e0f'],
    ['pom.xml', '<password>Tr0ub4dor&3x</password>', 'generic-password:Tr0ub4dor&3x'],
    ['app.ts', 'const signingKey: string = "Wm9y5Lk2Qp8Xv3Rz7Nb1"', 'generic-secret:Wm9y5Lk2Qp8Xv3Rz7Nb1'],
    ['deploy.sh', 'export ADMIN_PASS=Pq7rT2xW9m', 'generic-password:Pq7rT2xW9m'],
    ['.env', 'DB_PASSWORD=!q7Rt.2xW/9m=', 'generic-password:!q7Rt.2xW/9m='],
    ['backup.sh', "export PGPASSWORD='Vn4q8Lz2Rk7w'", 'generic-password:Vn4q8Lz2Rk7w'],
    ['compose.yml', 'environment:\n  RABBITMQ_DEFAULT_PASS: *k8Qz2mV9pLx', 'generic-password:*k8Qz2mV9pLx'],
    ['inventory.ini', 'ansible_ssh_pass=h3K%9q!Lm2', 'generic-password:h3K%9q!Lm2'],
    ['.env', 'AZURE_OPENAI_KEY=3f9c2a7e1b8d4c6f0a5e9b2d7c1f4a8e', 'generic-secret:3f9c2a7e1b8d4c6f0a5e9b2d7c1f4a8e'],
    ['app.yml', 'jwt:\n  secret: 9xK2/mQ7+vL4pR8tW1zN3bC6dF0hJ5gS2aY7e4uI9oP=', 'generic-secret:9xK2/mQ7+vL4pR8tW1zN3bC6dF0hJ5gS2aY7e4uI9oP='],
    ['web.config', '<add key="SmtpPassword" value="Wq8r2Lx9vT4m" />', 'generic-password:Wq8r2Lx9vT4m'],
    ['deployment.yaml', 'env:\n  - name: ELASTIC_PASSWORD\n    value: "Tz6p1Kq9mW3x"', 'generic-password:Tz6p1Kq9mW3x'],
    ['Info.plist', '<key>SEGMENT_WRITE_KEY</key>\n<string>k2Lq8Zx4Vm9pR7tW3nB6</string>', 'generic-secret:k2Lq8Zx4Vm9pR7tW3nB6'],
    ['hibernate.cfg.xml', '<property name="connection.password">Rm5x8Qk2Lp9v</property>', 'generic-password:Rm5x8Qk2Lp9v'],
    ['session.har', '{ "name": "x-api-key", "value": "pQ8m2Kx7Lz4vR9tW1nB3cD6f" }', 'generic-secret:pQ8m2Kx7Lz4vR9tW1nB3cD6f'],
    ['build.gradle', 'storePassword "Hx4q9Lm2Vz7k"', 'generic-password:Hx4q9Lm2Vz7k'],
    ['config.h', '#define MQTT_PASSWORD "Jw3n8Qx5Lp2z"', 'generic-password:Jw3n8Qx5Lp2z'],
    ['telemetry.rs', 'const HONEYCOMB_API_KEY: &str = "Bq7x2Lm9Kz4vR8tW1nP3";', 'generic-secret:Bq7x2Lm9Kz4vR8tW1nP3'],
    ['Secrets.swift', 'static let revenueCatKey = "sk_q8Zm2Lx7Kv4pR9tW1nB3cD6fG0hJ5"', 'generic-secret:sk_q8Zm2Lx7Kv4pR9tW1nB3cD6fG0hJ5'],
    ['config/prod.exs', 'secret_key_base: "Qm7vR2xK9pL4tW8zN3bC6dF1hJ5gS0aYe2uI7oP4qT9rE6wX3zV8nM1bK5jH0gF2"', 'generic-secret:Qm7vR2xK9pL4tW8zN3bC6dF1hJ5gS0aYe2uI7oP4qT9rE6wX3zV8nM1bK5jH0gF2'],
    ['setup.ps1', '$env:AZURE_DEVOPS_EXT_PAT = "q7z2m9x4c1v8b5n3k6l0p2o7i4u9y1t5r8e3w6q2a5s7d"', 'generic-secret:q7z2m9x4c1v8b5n3k6l0p2o7i4u9y1t5r8e3w6q2a5s7d'],
    ['webpack.config.js', "'process.env.AMPLITUDE_SECRET': JSON.stringify('8c1f4a9e2b7d3c6f0a5e9b1d4c7f2a8e')", 'generic-secret:8c1f4a9e2b7d3c6f0a5e9b1d4c7f2a8e'],
  ])('finds %s: %s', (path, text, expected) => {
    expect(ids(path, text)).toEqual([expected]);
  });

  it.each([
    ['app.js', 'const token = getToken();'],
    ['app.py', 'password = os.environ["DB_PASSWORD"]'],
    ['app.ts', 'password: string;'],
    ['app.ts', 'if (password === "hunter2") {}'],
    ['app.js', 'const passwordField = "passwordInput";'],
    ['.env', 'DB_PASSWORD=${DB_PASSWORD}'],
    ['.env', 'API_KEY=<your-api-key>'],
    ['.env', 'API_KEY=changeme'],
    ['config.yaml', 'token: {{ .Values.token }}'],
    ['a.json', '{"integrity": "sha512-abc123def456ghi789jkl012mno345pqr678stu901vwx234yz"}'],
    ['a.yaml', 'secret_key: /etc/ssl/private/server.key'],
    ['a.js', 'const nextToken = "eyJwYWdlIjoyfQ";'],
    ['a.js', 'const apiKey = process.env.API_KEY;'],
    ['a.py', 'token_type = "Bearer"'],
    ['a.yaml', 'api_key: 123e4567-e89b-12d3-a456-426614174000'],
    ['a.json', '{ "tokenizer": "a8f3k2m9x7q1w4e6r5t0y2u8" }'],
    ['a.js', 'const secretName = "prod/db/credentials-v2";'],
    ['package-lock.json', '"password": "a8f3k2m9x7q1w4e6r5t0y2u8"'],
    ['a.md', 'Set `password: hunter` in the config'],
    ['a.ts', 'const accessToken = "accessTokenStorageKey";'],
    ['de.json', '{ "password": "Passwort" }'],
    ['fixtures.py', 'TEST_PASSWORD = "password123"'],
    ['a.ts', 'const cacheKey = "user-profile-v2-3f9c2a7e";'],
    ['a.py', 'ZONE_ID_PAT = "(?:%25|%)(?:[" + UNRESERVED_PAT + "]|%[a-fA-F0-9]{2})+"'],
    ['values.yaml', 'base: &defaults\n  x: 1\nprod:\n  password: *defaults'],
    ['template.yaml', 'DbPassword: !Ref DatabasePasswordParam'],
    ['a.py', 'password: str = field(default_factory=generate_password)'],
    ['oauth.py', '"access_token":"2YotnFZFEjr1zCsicMWpAA",'],
    ['a.yml', 'secret_key: /etc/ssl/private/server.key'],
    ['a.js', 'const primaryKey = "a8f3k2m9x7q1w4e6r5t0y2u8";'],
  ])('stays quiet on %s: %s', (path, text) => {
    expect(ids(path, text)).toEqual([]);
  });

  it('prefers a specific rule over the generic one for the same secret', () => {
    const both = SecretScanner.fromSpecs([tokenRule]);
    expect(both.scanText('a.env', `ACME_TOKEN=${acme}`).map((h) => h.rule.id)).toEqual(['acme-token']);
  });
});

describe('FindingCollector', () => {
  it('deduplicates by secret, keeps every location, and never holds the secret', () => {
    const collector = new FindingCollector();
    collector.add('a.env', scanner.scanText('a.env', `T=${acme}`));
    collector.add('b/c.js', scanner.scanText('b/c.js', `x\nconst t = "${acme}"`));
    const findings = collector.findings();
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.locations.map((l) => `${l.path}:${l.line}`)).toEqual(['a.env:1', 'b/c.js:2']);
    expect(finding.redacted).toBe('acme…');
    expect(JSON.stringify(findings)).not.toContain(acme);
    expect(finding.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops suppressed locations by fingerprint and counts them', () => {
    const first = new FindingCollector();
    first.add('a.env', scanner.scanText('a.env', `T=${acme}`));
    const fp = first.findings()[0]!.fingerprint;
    const second = new FindingCollector({ suppressed: new Set([fp]) });
    second.add('a.env', scanner.scanText('a.env', `\n\nT=${acme}`));
    second.add('b.env', scanner.scanText('b.env', `T=${acme}`));
    expect(second.findings().map((f) => f.location.path)).toEqual(['b.env']);
    expect(second.suppressedLocations).toBe(1);
  });
});

describe('property: no built-in rule output contains the secret in clear', () => {
  it('redacted previews of random planted secrets never reveal them', () => {
    const collectorScanner = SecretScanner.fromSpecs([tokenRule, ...builtinRules]);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{24}$/), (body) => {
        const secret = `acme_${body}`;
        const collector = new FindingCollector();
        collector.add('x.env', collectorScanner.scanText('x.env', `KEY=${secret}\n`));
        const out = JSON.stringify(collector.findings());
        expect(out).not.toContain(secret);
        expect(out).not.toContain(body);
      }),
      { numRuns: 200 },
    );
  });
});

describe('rules chosen by path', () => {
  const keyFile: RuleSpec = {
    id: 'key-file',
    description: 'a key file by path',
    severity: 'high',
    keywords: [],
    paths: ['(?:^|/)config/master\\.key$'],
    pattern: '^(?<secret>[a-f0-9]{32})\\s*$',
    examples: { match: [], noMatch: [] },
  };
  const byPath = SecretScanner.fromSpecs([keyFile]);
  const key = '9c4f1e7a2b8d3c6f0e5a9b1d4c7f2a8e';

  it('run on matching paths without any keyword, and nowhere else', () => {
    expect(byPath.scanBytes('app/config/master.key', bytes(`${key}\n`)).map((h) => h.rule.id)).toEqual(['key-file']);
    expect(byPath.scanBytes('app/notes.txt', bytes(`${key}\n`))).toEqual([]);
    expect(byPath.scanBytes('pkg.tgz!package/config/master.key', bytes(key)).map((h) => h.secret)).toEqual([key]);
  });
});
