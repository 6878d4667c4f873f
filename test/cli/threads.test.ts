import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, project, SECRETS } from './helpers.js';

const root = resolve(import.meta.dirname, '..', '..');
const bin = join(root, 'dist', 'cli', 'bin.js');

describe('worker threads (the built CLI)', () => {
  it('finds the same secrets with --threads 2 as with --threads 1 on a scan big enough to start workers', () => {
    // Workers load compiled JavaScript; `npm ci` builds it through `prepare`, a fresh checkout may not have it yet.
    if (!existsSync(bin)) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const filler = `${'const value = 1; // ordinary code\n'.repeat(30_000)}`;
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`src/f${i}.js`] = filler;
    files['src/late/config.env'] = `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n`;
    files['src/zz.env'] = `AWS_ACCESS_KEY_ID=${SECRETS.aws}\n`;
    const dir = project(files);
    const scan = (threads: string) => spawnSync(process.execPath, [bin, 'scan', '.', '--threads', threads, '--format', 'json', '-q'], { cwd: dir, encoding: 'utf8' });
    const one = scan('1');
    const two = scan('2');
    expect(one.status).toBe(1);
    expect(two.status).toBe(1);
    const rules = (out: string) => (JSON.parse(out) as { findings: { ruleId: string; location: { path: string } }[] }).findings.map((f) => `${f.ruleId}@${f.location.path}`);
    expect(rules(two.stdout)).toEqual(rules(one.stdout));
    expect([...rules(two.stdout)].sort()).toEqual(['anthropic-api-key@src/late/config.env', 'aws-access-key-id@src/zz.env']);
    expect(two.stdout).not.toContain(SECRETS.anthropic);
  });
});

describe('--follow-symlinks', () => {
  it('does not follow links by default, follows them when asked, and survives a loop', async () => {
    const dir = project({ 'real/.env': `ANTHROPIC_API_KEY=${SECRETS.anthropic}\n` });
    mkdirSync(join(dir, 'scan'));
    symlinkSync(join(dir, 'real'), join(dir, 'scan', 'linked'));
    symlinkSync(join(dir, 'scan'), join(dir, 'scan', 'loop'));
    writeFileSync(join(dir, 'scan', 'a.txt'), 'nothing here\n');
    expect((await cli(dir, ['scan', 'scan'])).exitCode).toBe(0);
    const followed = await cli(dir, ['scan', 'scan', '--follow-symlinks', '--format', 'json']);
    expect(followed.exitCode).toBe(1);
    expect(followed.stdout).toContain('anthropic-api-key');
  });
});
