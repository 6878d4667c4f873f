import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRule, matchRule } from '../../../src/engines/secrets/compile.js';
import { groupA } from '../../../src/engines/secrets/rules/group-a.js';
import { groupB } from '../../../src/engines/secrets/rules/group-b.js';
import { LB, decodeBase64, isPlaceholderPassword } from '../../../src/engines/secrets/rules/b-shared.js';
import { DEFAULT_SCANNER_OPTIONS, SecretScanner } from '../../../src/engines/secrets/scanner.js';
import type { RuleSpec } from '../../../src/engines/secrets/types.js';

const ruleCases = groupB.map((r) => [r.id, r] as const);

/** A scanner with only this rule and the full global filters, as `leakproof scan` runs it, minus the generic rule. */
function scannerFor(spec: RuleSpec): SecretScanner {
  return SecretScanner.fromSpecs([spec], { ...DEFAULT_SCANNER_OPTIONS, generic: [] });
}

describe('group B rules: inventory', () => {
  it('has at least 80 rules with ids distinct from group A', () => {
    expect(groupB.length).toBeGreaterThanOrEqual(80);
    const ids = new Set(groupB.map((r) => r.id));
    expect(ids.size).toBe(groupB.length);
    for (const rule of groupA) expect(ids.has(rule.id), `${rule.id} is defined in both groups`).toBe(false);
  });

  it.each(ruleCases)('%s names its secret, says how to fix a leak and lists near misses', (_id, rule) => {
    expect(rule.pattern).toContain('(?<secret>');
    expect(rule.remedy ?? '').toMatch(/^[A-Z].{20,}\.$/);
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });
});

describe('group B rules: examples through the scanner', () => {
  it.each(ruleCases)('%s true examples survive the global filters; false examples stay silent', (_id, spec) => {
    const scanner = scannerFor(spec);
    const path = spec.examples.path ?? 'example.txt';
    for (const text of spec.examples.match) {
      const hits = scanner.scanText(path, text).filter((h) => h.rule.id === spec.id);
      expect(hits.length, `${spec.id} lost its example to a global filter: ${text.slice(0, 60)}`).toBeGreaterThan(0);
    }
    for (const text of spec.examples.noMatch) {
      const hits = scanner.scanText(path, text).filter((h) => h.rule.id === spec.id);
      expect(hits, `${spec.id} fired on: ${text.slice(0, 60)}`).toEqual([]);
    }
  });

  it.each(ruleCases)('%s extracts a clean secret (no surrounding quotes or blanks)', (_id, spec) => {
    const rule = compileRule(spec);
    for (const text of spec.examples.match) {
      for (const m of matchRule(rule, text)) {
        expect(m.secret).not.toMatch(/^[\s"'`]|[\s"'`]$/);
        expect(text.slice(m.secretStart, m.secretStart + m.secret.length)).toBe(m.secret);
      }
    }
  });
});

/**
 * Ordinary files that mention credentials without containing any: the shapes that make secret
 * scanners noisy. No group B rule may fire on them.
 */
const ORDINARY_FILES: readonly (readonly [string, string])[] = [
  [
    'src/api.ts',
    `export async function getOrders(token: string) {
  const res = await fetch(\`\${API_BASE}/orders?token=\${token}\`, {
    headers: { Authorization: \`Bearer \${token}\`, 'Content-Type': 'application/json' },
  });
  if (!res.ok) throw new Error('Authorization: Basic auth failed for ' + res.url);
  return res.json();
}`,
  ],
  [
    'app/settings.py',
    `DATABASES = {"default": dj_database_url.config(default=os.environ["DATABASE_URL"])}
REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")
SLACK_BOT_TOKEN = os.environ.get("SLACK_BOT_TOKEN")  # xoxb-...
OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]  # starts with sk-proj-
password = getpass.getpass("Password: ")`,
  ],
  [
    '.github/workflows/ci.yml',
    `jobs:
  test:
    services:
      postgres:
        image: postgres:16
        env:
          POSTGRES_PASSWORD: postgres
    env:
      DATABASE_URL: postgres://postgres:postgres@localhost:5432/test
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@v4
        with:
          token: \${{ secrets.GITHUB_TOKEN }}
      - run: echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc
      - run: docker login -u ci --password-stdin ghcr.io <<< "\${{ secrets.GHCR }}"`,
  ],
  [
    'docker-compose.yml',
    `services:
  db:
    image: mysql:8
    environment:
      MYSQL_ROOT_PASSWORD: \${MYSQL_ROOT_PASSWORD}
      DATABASE_URL: mysql://root:\${MYSQL_ROOT_PASSWORD}@db:3306/app
  mq:
    image: rabbitmq:3
    environment:
      AMQP_URL: amqp://guest:guest@mq:5672
  neo:
    image: neo4j:5
    environment:
      NEO4J_AUTH: neo4j/\${NEO4J_PASSWORD}`,
  ],
  [
    'README.md',
    `## Configuration
Set \`DATABASE_URL\` to \`postgres://user:password@localhost:5432/mydb\`.
Your Slack webhook looks like \`https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\`.
Paste your key, which begins with \`-----BEGIN OPENSSH PRIVATE KEY-----\`, into the form.
Anthropic keys start with \`sk-ant-api03-\`, Hugging Face tokens with \`hf_\`.
Example: \`curl -u USER:PASSWORD https://api.example.com\` or \`curl -H "Authorization: Bearer <token>"\`.
Connect with \`mongodb+srv://<username>:<password>@cluster0.mongodb.net/\`.`,
  ],
  [
    'package-lock.json',
    `{
  "node_modules/left-pad": {
    "version": "1.3.0",
    "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
    "integrity": "sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQWiA7VZWM7rGCeYDsHqFyTgAmQCe4DjBV8Eu6yQ9RpJf4XQ=="
  }
}`,
  ],
  [
    'src/crypto/pem.ts',
    `const PEM_HEADER = '-----BEGIN PRIVATE KEY-----';
const PEM_FOOTER = '-----END PRIVATE KEY-----';
export function isPem(text: string): boolean {
  return text.includes('-----BEGIN RSA PRIVATE KEY-----') || text.startsWith(PEM_HEADER);
}`,
  ],
  [
    'test/auth.test.ts',
    `const token = jwt.sign({ sub: 'u1' }, 'secret');
expect(parse('https://user:pass@host.local/x')).toEqual({ user: 'user', password: 'pass' });
const url = new URL('https://admin:admin@localhost:8080');`,
  ],
  [
    'styles.css',
    `.md-button-primary { color: #1a73e8; }
.key-0123456789abcdef0123456789abcdef { display: none; }
@font-face { src: url("data:font/woff2;base64,d09GMgABAAAAAAZ8AA0AAAAADRgAAAYmAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP0ZGVE0cGh4GYACCUhEICoo0iAgLFAABNgIkAyQEIAWDUgdbG1sLUZRsUjNkrb7Oj1sDbXUxjeKxwiKRWB8+/u9R");}`,
  ],
  [
    'schema.sql',
    `CREATE TABLE users (id serial primary key, email text not null, password_hash text not null);
INSERT INTO settings (key, value) VALUES ('smtp_password', '');
-- mysql -u root -p < schema.sql`,
  ],
  [
    'Dockerfile',
    `FROM node:20-alpine
ARG NPM_TOKEN
RUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc && npm ci && rm ~/.npmrc
ENV PGPASSWORD=""
HEALTHCHECK CMD curl -f http://localhost:3000/health || exit 1`,
  ],
  [
    'k8s/ingress-auth.yaml',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: basic-auth\ndata:\n  auth: ' + Buffer.from('admin:$apr1$H0GY.B7r$VyCWfXDBRPhP1v7HcOWAe.\n').toString('base64'),
  ],
  [
    'deploy/kubeconfig.tmpl',
    `users:
- name: ci
  user:
    token: \${KUBE_TOKEN}
    client-key-data: \${CLIENT_KEY_DATA}`,
  ],
  [
    'src/net/url.go',
    `func redact(u *url.URL) string {
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return fmt.Sprintf("%s://%s:%s@%s", u.Scheme, "user", "****", u.Host)
}`,
  ],
  [
    'src/Main.java',
    `String url = "jdbc:postgresql://" + host + ":5432/app?user=" + user + "&password=" + System.getenv("DB_PASSWORD");
DataSource ds = new HikariDataSource(config);
log.info("Authorization header: Basic {}", mask(header));`,
  ],
  [
    'Makefile',
    `test:
\tcurl -sf -u "$(API_USER):$(API_PASSWORD)" https://ci.corp.io/api
\tsshpass -e ssh deploy@$(HOST) 'make deploy'
\tmysql -u root -p$(DB_ROOT_PASSWORD) < fixtures.sql`,
  ],
];

describe('group B rules: ordinary files', () => {
  const scanner = SecretScanner.fromSpecs(groupB, { ...DEFAULT_SCANNER_OPTIONS, generic: [] });
  it.each(ORDINARY_FILES.map(([path, text]) => [path, text] as const))('%s raises nothing', (path, text) => {
    const hits = scanner.scanText(path, text).map((h) => `${h.rule.id} at ${h.line}:${h.column}`);
    expect(hits).toEqual([]);
  });
});

/** Real-world file shapes beyond the rule examples, each with the rule that must report it. */
const LEAKY_FILES: readonly (readonly [string, string, string])[] = [
  [
    '.env',
    'private-key-pkcs8',
    'GOOGLE_PRIVATE_KEY="-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIHq3uQm2P8k1fJv0sXcL5wYt9rN4aD7eZ2bH6gK1jM0p\\n-----END PRIVATE KEY-----\\n"',
  ],
  ['.git-credentials', 'url-basic-auth', 'https://release-bot:q7Wm2Rx9Lp4Tz8Kd3Nv6@git.corp.internal\n'],
  ['appsettings.Production.json', 'ado-odbc-connection-string', '{ "ConnectionStrings": { "Main": "Data Source=sql-prod-02;Initial Catalog=Billing;User ID=billing;Pwd=Vq8#mT2wLx9!" } }'],
  ['config/database.yml', 'postgres-connection-uri', 'production:\n  url: <%= ENV.fetch("DATABASE_URL", "postgresql://billing:Tz9qLm4Wx2Rk@pg-prod-1.internal/billing") %>'],
  ['notify.sh', 'slack-webhook-url', 'curl -s -X POST https://hooks.slack.com/services/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 -d "{\\"text\\":\\"$1\\"}"'],
  ['bot.py', 'telegram-bot-token', 'bot = telebot.TeleBot("6183920475:AAFq8zL2mW9xR4tK7vN3pB5yC1dH6jG0sQe")'],
  ['values.yaml', 'redis-connection-uri', 'cache:\n  url: "rediss://default:Kp7Wz2Lq9Rx4Tm8Vn3@cache-prod.internal:6380/0"'],
  [
    'k8s/secret.yaml',
    'kubernetes-secret-manifest',
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: oud\ntype: Opaque\ndata:\n  adminUser: d2VibG9naWM=\n  adminPass: ' + Buffer.from('Qv7rLm2Wx9\n').toString('base64'),
  ],
  ['weather.py', 'url-query-credential', 'FEED = "https://api.weatherfeed.io/v2/stations/series?&token=7ac558e14402393fa1f4bcc112bab9e1&stid=OSLO"'],
  ['db.js', 'mongodb-connection-uri', "mongoose.connect('mongodb+srv://tovi4412:tovi4412@cluster0.k2fq9zd.mongodb.net/shop')"],
  ['alerts.env', 'url-query-credential', 'hook: https://alerts.corp-ops.io/ingest?source=ci&token=Zq8Lm2Wx7Rk4Tp9Vn3Bc6Hd'],
];

describe('group B rules: leaky files', () => {
  const scanner = SecretScanner.fromSpecs(groupB, { ...DEFAULT_SCANNER_OPTIONS, generic: [] });
  it.each(LEAKY_FILES.map(([path, id, text]) => [path, id, text] as const))('%s is reported by %s', (path, id, text) => {
    const ids = scanner.scanText(path, text).map((h) => h.rule.id);
    expect(ids).toContain(id);
  });
});

describe('group B rules: hostile input stays fast', () => {
  /** Long runs of each rule's own alphabet right after its keywords: where a backtracking pattern would stall. */
  function hostileInputs(rule: RuleSpec): string[] {
    const runs = ['a'.repeat(20_000), '0'.repeat(20_000), 'aZ9_-.'.repeat(3_000), 'A+/='.repeat(5_000), ':@/'.repeat(5_000)];
    const out: string[] = [];
    for (const k of rule.keywords.slice(0, 3)) {
      for (const run of runs) out.push(`${k}${run}`);
      out.push(`${k}=`.repeat(4_000));
      out.push(`${k} ${'\n '.repeat(4_000)}`);
    }
    out.push(`-----BEGIN RSA PRIVATE KEY-----\n${'QUJD\n'.repeat(5_000)}`);
    out.push(`{"kty":"EC",${'"x":"a",'.repeat(2_000)}`);
    return out;
  }

  it.each(ruleCases)('%s scans 20 KB hostile lines in well under a second', (_id, spec) => {
    const rule = compileRule(spec);
    for (const text of hostileInputs(spec)) {
      const started = performance.now();
      matchRule(rule, text);
      expect(performance.now() - started, `${spec.id} on ${JSON.stringify(text.slice(0, 30))}`).toBeLessThan(1_000);
    }
  });
});

describe('group B rules: invariants', () => {
  /** Rules whose secret starts right after a left boundary: a token glued to a longer identifier is not that token. */
  const prefixRules = groupB.filter((r) => r.pattern.startsWith(`${LB}(?<secret>`));
  const prefixCases = prefixRules.flatMap((spec) => {
    const rule = compileRule(spec);
    return spec.examples.match.flatMap((text) => matchRule(rule, text).map((m) => ({ spec, rule, secret: m.secret })));
  });

  it('covers most rules with prefix-anchored tokens', () => {
    expect(prefixCases.length).toBeGreaterThan(50);
  });

  it('finds a prefixed token wherever it sits between ordinary delimiters', () => {
    const before = fc.constantFrom(' ', '"', "'", '=', ': ', '(', '\n', '\t', ',', '`', '=> ', '"\\n');
    // Not `=` after: base64-style tokens legitimately take trailing padding into the secret.
    const after = fc.constantFrom(' ', '"', "'", ';', ')', '\n', '\t', ',', '`', '');
    fc.assert(
      fc.property(fc.constantFrom(...prefixCases), before, after, fc.string({ maxLength: 20 }), ({ rule, secret }, before, after, noise) => {
        const safeNoise = noise.replace(/[A-Za-z0-9_-]+$/, '');
        const found = matchRule(rule, `${safeNoise}${before}${secret}${after}`).map((m) => m.secret);
        expect(found).toContain(secret);
      }),
      { numRuns: 400 },
    );
  });

  it('does not find a token glued to the end of a longer identifier', () => {
    fc.assert(
      fc.property(fc.constantFrom(...prefixCases), fc.constantFrom('a', 'Z', '7', '_', '-'), ({ rule, secret }, glue) => {
        const found = matchRule(rule, `${glue}${secret}`).map((m) => m.secret);
        expect(found).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('validators never throw, whatever the candidate', () => {
    const validators = groupB.flatMap((r) => (r.validate ? [r.validate] : []));
    expect(validators.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.constantFrom(...validators), fc.oneof(fc.string(), fc.base64String(), fc.string({ unit: 'binary' })), (validate, candidate) => {
        expect(typeof validate(candidate)).toBe('boolean');
      }),
      { numRuns: 2_000 },
    );
  });

  it('decodes standard and URL-safe base64 back to the original bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('latin1');
        expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toBe(expected);
        expect(decodeBase64(Buffer.from(bytes).toString('base64url'))).toBe(expected);
      }),
    );
  });

  it('treats template references and masks as placeholder passwords, and random passwords as real', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/), (name) => {
        expect(isPlaceholderPassword(`\${${name}}`)).toBe(true);
        expect(isPlaceholderPassword(`$${name}`)).toBe(true);
        expect(isPlaceholderPassword(`{{${name}}}`)).toBe(true);
        expect(isPlaceholderPassword(`<${name}>`)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9!#^&]{10,30}$/), (password) => {
        // Words that mark stand-ins are excluded by construction; the rest of the alphabet is random.
        fc.pre(/[0-9]/.test(password) && /[A-Za-z]/.test(password) && !/xxxx|pass|example|here$|^(?:your|some|my)|change/i.test(password));
        expect(isPlaceholderPassword(password)).toBe(false);
      }),
    );
  });

  it('takes a password that starts or ends with a symbol for a real one (generated passwords do)', () => {
    fc.assert(
      fc.property(fc.constantFrom('%', '*', '!', '&', '~', '=', '@', '(', '<', '[', '{'), fc.stringMatching(/^[A-Za-z0-9]{14,24}$/), (symbol, body) => {
        fc.pre(/[0-9]/.test(body) && /[A-Za-z]/.test(body) && !/xxxx|pass|example|here$|^(?:your|some|my)|change|secret|token|test|sample|dummy|fake/i.test(body));
        // A bracket that opens the value is a stand-in only when a word follows it (`<your token>` cut at
        // the space); a random body after it starts with a digit here.
        const password = /[<[{(]/.test(symbol) ? `${symbol}7${body}` : `${symbol}${body}`;
        expect(isPlaceholderPassword(password)).toBe(false);
        expect(isPlaceholderPassword(`${body}${symbol === '%' ? '%' : '!'}`)).toBe(false);
      }),
    );
  });
});

describe('group B rules: URL credentials are judged by the password, not the domain', () => {
  const scanner = SecretScanner.fromSpecs(groupB, { ...DEFAULT_SCANNER_OPTIONS, generic: [] });
  const found = (text: string): string[] => scanner.scanText('notes.md', text).map((h) => h.rule.id);
  const password = fc.stringMatching(/^[A-Za-z0-9]{16,24}$/).filter((p) => /[0-9]/.test(p) && /[A-Z]/.test(p) && /[a-z]/.test(p));
  const companyHost = fc.constantFrom('db.internal.acme.io', 'staging-db.acme.com', 'pg.contoso.com', 'warehouse.acmecorp.net', 'localhost.acme.io');

  it('reports a random password at any company host, local or not', () => {
    fc.assert(
      fc.property(password, companyHost, fc.constantFrom('postgres', 'mysql', 'mongodb', 'amqp', 'redis', 'https'), (pw, host, scheme) => {
        expect(found(`${scheme}://svc:${pw}@${host}:5432/app`).length).toBeGreaterThan(0);
        expect(found(`${scheme}://svc:${pw}@localhost:5432/app`).length).toBeGreaterThan(0);
      }),
    );
  });

  it('skips placeholder passwords everywhere and reserved documentation hosts', () => {
    for (const pw of ['password', 'pass', 'changeme', 'secret', '***', '${DB_PASSWORD}', '<password>']) {
      expect(found(`postgres://svc:${pw}@db.internal.acme.io:5432/app`)).toEqual([]);
    }
    expect(found('https://admin:admin@jenkins.acme.io/job')).toEqual([]);
    expect(found('postgres://app:Zq8LmW2xKd4Rt7Vb@db.example.com:5432/app')).toEqual([]);
    expect(found('postgres://app:Zq8LmW2xKd4Rt7Vb@db.staging.example:5432/app')).toEqual([]);
    expect(found('postgres://postgres:postgres@localhost:5432/app')).toEqual([]);
  });
});

describe('group B rules: JWT examples', () => {
  const jwtRule = groupB.find((r) => r.id === 'jwt');
  const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = (payload: object, key: string): string => {
    const signed = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
    return `${signed}.${createHmac('sha256', key).update(signed).digest('base64url')}`;
  };

  it('ignores tokens signed with a documented example key and reports the same tokens signed with a random key', () => {
    expect(jwtRule).toBeDefined();
    const rule = compileRule(jwtRule!);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]{4,16}$/), fc.stringMatching(/^[A-Za-z0-9]{24,40}$/), (subject, key) => {
        const payload = { sub: subject, iat: 1731000000 };
        expect(matchRule(rule, `token=${sign(payload, 'secret')}`)).toEqual([]);
        expect(matchRule(rule, `token=${sign(payload, 'your-256-bit-secret')}`)).toEqual([]);
        expect(matchRule(rule, `token=${sign(payload, key)}`).length).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});

