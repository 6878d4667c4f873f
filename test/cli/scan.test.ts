import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cli, project, SECRETS } from './helpers.js';

const envFile = `# service\nANTHROPIC_API_KEY=${SECRETS.anthropic}\nDB_PASSWORD=${SECRETS.password}\n`;

describe('leakproof scan', () => {
  it('exits 0 and says so on a clean tree', async () => {
    const dir = project({ 'src/a.ts': 'export const x = 1;\n', 'README.md': '# hi\n' });
    const result = await cli(dir, ['scan']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('No secrets found');
  });

  it('exits 1 with findings, naming rule, file, line and column, never the secret', async () => {
    const dir = project({ 'config/.env': envFile });
    const result = await cli(dir, ['scan']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('anthropic-api-key');
    expect(result.stdout).toContain('config/.env:2:');
    expect(result.stdout).toContain('generic-password');
    expect(result.stdout).not.toContain(SECRETS.anthropic);
    expect(result.stdout).not.toContain(SECRETS.password);
    expect(result.stdout).not.toMatch(/\x1b\[/);
  });

  it('scans standard input as -', async () => {
    const dir = project({});
    const result = await cli(dir, ['scan', '-', '--format', 'json'], { stdin: `export AWS_ACCESS_KEY_ID=${SECRETS.aws}\n` });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; location: { path: string } }[] };
    expect(report.findings.map((f) => [f.ruleId, f.location.path])).toEqual([['aws-access-key-id', '-']]);
    expect(result.stdout).not.toContain(SECRETS.aws);
  });

  it('scans inside a real tarball made by tar, attributing archive!member paths', async () => {
    const dir = project({ 'pkg/package/dist/index.js': `const k = "${SECRETS.anthropic}";\n`, 'pkg/package/package.json': '{"name":"x"}' });
    execFileSync('tar', ['-czf', join(dir, 'pkg.tgz'), '-C', join(dir, 'pkg'), 'package']);
    const result = await cli(dir, ['scan', 'pkg.tgz', '--format', 'json']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('pkg.tgz!package/dist/index.js');
  });

  it('--fail-on raises the bar for the exit code but still reports', async () => {
    const dir = project({ '.env': `DB_PASSWORD=${SECRETS.password}\n` });
    const result = await cli(dir, ['scan', '--fail-on', 'high']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('generic-password');
  });

  it('--output writes the report atomically and prints nothing to stdout', async () => {
    const dir = project({ '.env': envFile });
    const result = await cli(dir, ['scan', '--format', 'sarif', '--output', 'out/report.sarif']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const sarif = JSON.parse(readFileSync(join(dir, 'out/report.sarif'), 'utf8')) as { version: string };
    expect(sarif.version).toBe('2.1.0');
    expect(readdirSync(join(dir, 'out'))).toEqual(['report.sarif']);
  });

  it('--baseline reports only new findings', async () => {
    const dir = project({ '.env': `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    expect((await cli(dir, ['scan', '--format', 'json', '-o', 'base.json'])).exitCode).toBe(1);
    writeFileSync(join(dir, '.env'), `# moved down\n\nANTHROPIC_API_KEY=${SECRETS.anthropic}\n`);
    expect((await cli(dir, ['scan', '--baseline', 'base.json', '--exclude', 'base.json'])).exitCode).toBe(0);
    writeFileSync(join(dir, 'new.env'), `AWS_ACCESS_KEY_ID=${SECRETS.aws}\n`);
    const result = await cli(dir, ['scan', '--baseline', 'base.json', '--exclude', 'base.json']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('aws-access-key-id');
    expect(result.stdout).not.toContain('anthropic-api-key');
  });

  it('.leakproofignore suppresses by fingerprint', async () => {
    const dir = project({ '.env': `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    const json = JSON.parse((await cli(dir, ['scan', '--format', 'json'])).stdout) as { findings: { fingerprint: string }[] };
    writeFileSync(join(dir, '.leakproofignore'), `${json.findings[0]!.fingerprint}  # rotated on 2026-11-01\n`);
    const result = await cli(dir, ['scan']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 suppressed');
  });

  it('honours .gitignore, --no-gitignore and --exclude', async () => {
    const dir = project({ '.gitignore': 'secret.env\n', 'secret.env': envFile, 'other/.env': envFile });
    expect((await cli(dir, ['scan', '--format', 'json', '--exclude', 'other/'])).exitCode).toBe(0);
    expect((await cli(dir, ['scan', '--format', 'json', '--exclude', 'other/', '--no-gitignore'])).exitCode).toBe(1);
  });

  it('--disable-rule and --no-decode turn detection off', async () => {
    const dir = project({ 'a.yaml': `data: ${Buffer.from(`key: ${SECRETS.anthropic}`).toString('base64')}\n` });
    expect((await cli(dir, ['scan'])).exitCode).toBe(1);
    expect((await cli(dir, ['scan', '--no-decode'])).exitCode).toBe(0);
    expect((await cli(dir, ['scan', '--decode-depth', '0'])).exitCode).toBe(0);
    const plain = project({ '.env': `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    expect((await cli(plain, ['scan', '--disable-rule', 'anthropic-api-key', '--disable-rule', 'generic-secret'])).exitCode).toBe(0);
  });

  it('colours only when asked or on a terminal without NO_COLOR', async () => {
    const dir = project({ '.env': envFile });
    expect((await cli(dir, ['scan'], { tty: true })).stdout).toMatch(/\x1b\[/);
    expect((await cli(dir, ['scan'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/);
    expect((await cli(dir, ['scan', '--color'])).stdout).toMatch(/\x1b\[/);
    expect((await cli(dir, ['scan', '--no-color'], { tty: true })).stdout).not.toMatch(/\x1b\[/);
  });

  it('--format junit and --verbose', async () => {
    const dir = project({ '.env': envFile });
    const junit = await cli(dir, ['scan', '--format', 'junit']);
    expect(junit.stdout).toContain('<testsuites');
    const verbose = await cli(dir, ['scan', '--verbose']);
    expect(verbose.stdout).toContain('remedy:');
  });

  it('--max-file-size skips larger files with a reason', async () => {
    const dir = project({ 'big.env': `${'#'.repeat(2000)}\nANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    const result = await cli(dir, ['scan', '--max-file-size', '1KiB', '--format', 'json']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('big.env');
  });

  it('uses a config file, and a broken one is exit 2 with every problem on one line', async () => {
    const good = project({
      'leakproof.config.json': JSON.stringify({ rules: [{ id: 'acme-token', description: 'Acme internal token', severity: 'high', pattern: '\\b(acme_[a-z0-9]{20})\\b', keywords: ['acme_'] }] }),
      'a.txt': 'token acme_q8z2m4x7c1v5b9n3k6l0\n',
    });
    const found = await cli(good, ['scan']);
    expect(found.exitCode).toBe(1);
    expect(found.stdout).toContain('acme-token');

    const bad = project({ 'leakproof.config.json': JSON.stringify({ failOn: 'urgent', exclud: [] }) });
    const result = await cli(bad, ['scan']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('failOn');
    expect(result.stderr).toContain('exclud');
  });

  it('rejects a user rule that could backtrack catastrophically and cannot run in linear time', async () => {
    const dir = project({
      'leakproof.config.json': JSON.stringify({ rules: [{ id: 'bad', description: 'a bad rule here', severity: 'low', pattern: '(\\w+)+\\1$', keywords: ['abc'] }] }),
    });
    const result = await cli(dir, ['scan']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/backtrack/);
  });

  it.each([
    [['scan', '--format', 'xml'], /unknown report format/],
    [['scan', '--fail-on', 'urgent'], /--fail-on must be one of/],
    [['scan', '--bogus'], /Unknown option '--bogus'/],
    [['scan', 'does-not-exist'], /not found|does-not-exist/],
    [['scan', '--decode-depth', 'two'], /whole number/],
    [['frobnicate'], /unknown command/],
  ])('usage and input errors exit 2 with one line: %j', async (argv, message) => {
    const dir = project({});
    const result = await cli(dir, argv);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a corrupt archive named on the command line is exit 2 with one line', async () => {
    const dir = project({ 'bad.tgz': Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(40, 7)]) });
    const result = await cli(dir, ['scan', 'bad.tgz']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/bad\.tgz/);
  });

  it('a traversal entry in a named archive is exit 2 and nothing is written', async () => {
    const dir = project({});
    const tar = makeTarWithName('../../etc/evil.txt', 'x');
    writeFileSync(join(dir, 'evil.tar'), tar);
    const result = await cli(dir, ['scan', 'evil.tar']);
    expect(result.exitCode).toBe(2);
    expect(existsSync(join(dir, '..', '..', 'etc', 'evil.txt'))).toBe(false);
  });

  it('a hostile archive found inside a directory fails the scan with exit 2, after reporting the rest', async () => {
    const dir = project({ '.env': `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    writeFileSync(join(dir, 'fixtures.tar'), makeTarWithName('../outside.txt', 'x'));
    const result = await cli(dir, ['scan']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('anthropic-api-key');
    expect(result.stderr).toMatch(/fixtures\.tar/);
  });

  it('--audit-log records the scan and each finding in the ledger, redacted', async () => {
    const dir = project({ '.env': envFile });
    expect((await cli(dir, ['key', 'generate', '--name', 'audit.test', '--out', 'audit.key'])).exitCode).toBe(0);
    const result = await cli(dir, ['scan', '.env', '--audit-log', 'ledger', '--audit-key', 'audit.key']);
    expect(result.exitCode).toBe(1);
    const events = await cli(dir, ['log', 'events', '--log', 'ledger', '--key', 'audit.key']);
    expect(events.exitCode).toBe(0);
    expect(events.stdout).toContain('scan.run');
    expect(events.stdout).toContain('finding.reported');
    const onDisk = readdirSync(join(dir, 'ledger'), { recursive: true })
      .map((p) => join(dir, 'ledger', String(p)))
      .filter((p) => !existsSync(p) || !statSync(p).isDirectory())
      .map((p) => readFileSync(p).toString('latin1'))
      .join('');
    expect(onDisk + events.stdout).not.toContain(SECRETS.anthropic);
    expect(onDisk + events.stdout).not.toContain(SECRETS.password);
  });

  it('--help and --version', async () => {
    const dir = project({});
    const help = await cli(dir, ['scan', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--fail-on');
    expect((await cli(dir, ['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const top = await cli(dir, ['--help']);
    expect(top.stdout).toContain('scan');
    expect(top.stdout).toContain('check');
  });

  it('rules list shows at least 150 built-in rules', async () => {
    const dir = project({});
    const result = await cli(dir, ['rules', 'list', '--json']);
    const rules = JSON.parse(result.stdout) as { id: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(150);
  });
});

describe('leakproof check', () => {
  it('runs the scan gate and reports which gates passed', async () => {
    const clean = project({ 'a.js': 'console.log(1)\n' });
    const ok = await cli(clean, ['check', '.']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).toContain('scan: passed');
    const dirty = project({ '.env': envFile });
    const bad = await cli(dirty, ['check']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('scan: FAILED');
  });
});

describe('property: no output format ever contains a planted secret in clear', () => {
  it('holds for random secrets of several formats in every format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z0-9]{40}$/),
        fc.constantFrom('text', 'json', 'sarif', 'junit'),
        fc.constantFrom('env', 'json', 'b64'),
        async (body, format, shape) => {
          const secret = `sk-ant-api03-${body}${body.slice(0, 40)}AA`;
          const line = `ANTHROPIC_API_KEY=${secret}`;
          const content = shape === 'env' ? line : shape === 'json' ? JSON.stringify({ key: secret }) : Buffer.from(line).toString('base64');
          const dir = project({ 'f.txt': content });
          const result = await cli(dir, ['scan', '--format', format, '--verbose']);
          expect(result.stdout + result.stderr).not.toContain(secret);
          expect(result.stdout + result.stderr).not.toContain(body);
        },
      ),
      { numRuns: 24 },
    );
  });
});

function makeTarWithName(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(512);
  body.write(content);
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}
