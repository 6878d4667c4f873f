import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

let root: string;
let vkey: string;

async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o644 }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lp-cli-ledger-'));
  const gen = await run(['key', 'generate', '--name', 'releases.example/log', '--out', '.leakproof/ledger.key'], { cwd: root }).catch(async () => {
    await mkdir(path.join(root, '.leakproof'));
    return run(['key', 'generate', '--name', 'releases.example/log', '--out', '.leakproof/ledger.key'], { cwd: root });
  });
  if (gen.exitCode !== 0) {
    await mkdir(path.join(root, '.leakproof'), { recursive: true });
    const again = await run(['key', 'generate', '--name', 'releases.example/log', '--out', '.leakproof/ledger.key'], { cwd: root });
    vkey = again.stdout.trim();
  } else vkey = gen.stdout.trim();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('leakproof key', () => {
  it('writes a 0600 C2SP signer key and prints the matching verifier key', async () => {
    expect(vkey).toMatch(/^releases\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const file = path.join(root, '.leakproof', 'ledger.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^PRIVATE\+KEY\+releases\.example\/log\+[0-9a-f]{8}\+/);
    expect(text.split('+')[3]).toBe(vkey.split('+')[1]);
    expect((await run(['key', 'public'], { cwd: root })).stdout.trim()).toBe(vkey);
    const again = await run(['key', 'generate', '--name', 'x', '--out', '.leakproof/ledger.key'], { cwd: root });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect((await run(['key', 'generate', '--name', 'bad name', '--out', 'k2'], { cwd: root })).exitCode).toBe(2);
    expect((await run(['key', 'generate', '--bogus'], { cwd: root })).stderr).toMatch(/^leakproof: key: /);
  });
});

describe('leakproof seal / verify', () => {
  it('seals a directory and reports modified, added and removed files exactly', async () => {
    const rel = 'release';
    const dir = path.join(root, rel);
    await mkdir(path.join(dir, 'lib'), { recursive: true });
    await writeFile(path.join(dir, 'README.md'), '# hello\n');
    await writeFile(path.join(dir, 'lib', 'a.js'), 'export const a = 1;\n');
    await writeFile(path.join(dir, 'lib', 'b.js'), 'export const b = 2;\n');
    await writeFile(path.join(dir, 'run.sh'), '#!/bin/sh\n');
    await chmod(path.join(dir, 'run.sh'), 0o755);
    await symlink('lib/a.js', path.join(dir, 'link.js'));

    const sealed = await run(['seal', rel, '--attestation', 'release.dsse.json'], { cwd: root });
    expect(sealed.stderr).toBe('');
    expect(sealed.exitCode).toBe(0);
    const entry = /^entry (\d+)$/m.exec(sealed.stdout)![1]!;
    expect(sealed.stdout).toMatch(/^artifact sha256:[0-9a-f]{64}$/m);
    expect(sealed.stdout).toContain('files 5 ');
    expect(sealed.stdout).toContain('releases.example/log\n');

    const clean = await run(['verify', rel, '--entry', entry], { cwd: root });
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain('OK: release matches entry');

    await writeFile(path.join(dir, 'lib', 'a.js'), 'export const a = 2;\n');
    await chmod(path.join(dir, 'run.sh'), 0o644);
    await rm(path.join(dir, 'lib', 'b.js'));
    await writeFile(path.join(dir, 'lib', 'c.js'), 'new\n');
    const changed = await run(['verify', rel, '--entry', entry, '--json'], { cwd: root });
    expect(changed.exitCode).toBe(1);
    const report = JSON.parse(changed.stdout) as { modified: string[]; added: string[]; removed: string[]; ok: boolean };
    expect(report).toMatchObject({ ok: false, modified: ['lib/a.js', 'run.sh'], added: ['lib/c.js'], removed: ['lib/b.js'] });

    // The attestation carries its own proof: it verifies without the log, and reports the same changes.
    const viaAttestation = await run(['verify', rel, '--manifest', 'release.dsse.json', '--pubkey', vkey, '--log', 'nowhere', '--state', 'state2'], { cwd: root });
    expect(viaAttestation.exitCode).toBe(1);
    expect(viaAttestation.stdout).toContain('modified lib/a.js');
    expect(viaAttestation.stdout).toContain('removed  lib/b.js');
    expect(viaAttestation.stdout).toContain('added    lib/c.js');
    const envelope = JSON.parse(await readFile(path.join(root, 'release.dsse.json'), 'utf8')) as { payloadType: string; payload: string };
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString()) as { _type: string; subject: { digest: { sha256: string } }[] };
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(sealed.stdout).toContain(`artifact sha256:${statement.subject[0]!.digest.sha256}`);

    // A tampered attestation is refused.
    const forged = { ...envelope, payload: Buffer.from(Buffer.from(envelope.payload, 'base64').toString().replace('"fileCount":5', '"fileCount":6')).toString('base64') };
    await writeFile(path.join(root, 'forged.json'), JSON.stringify(forged));
    const bad = await run(['verify', rel, '--manifest', 'forged.json', '--pubkey', vkey], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('does not verify');
  });

  it('seals a gzipped tarball and an image tarball without extracting them', async () => {
    const tgz = gzipSync(await tarOf({ 'package/index.js': 'x', 'package/package.json': '{}' }));
    await writeFile(path.join(root, 'pkg.tgz'), tgz);
    const sealed = await run(['seal', 'pkg.tgz', '--json'], { cwd: root });
    expect(sealed.exitCode).toBe(0);
    const out = JSON.parse(sealed.stdout) as { entry: number; kind: string; files: number };
    expect(out).toMatchObject({ kind: 'tarball', files: 2 });
    expect((await run(['verify', 'pkg.tgz', '--entry', String(out.entry)], { cwd: root })).exitCode).toBe(0);
    await writeFile(path.join(root, 'pkg.tgz'), gzipSync(await tarOf({ 'package/index.js': 'y', 'package/package.json': '{}' })));
    const changed = await run(['verify', 'pkg.tgz', '--entry', String(out.entry)], { cwd: root });
    expect(changed.exitCode).toBe(1);
    expect(changed.stdout).toContain('modified package/index.js');

    const layer = await tarOf({ 'etc/app.conf': 'secret=nope', 'usr/bin/app': 'bin' });
    const image = await tarOf({ 'manifest.json': '[{"Layers":["abc/layer.tar"]}]', 'abc/layer.tar': layer });
    await writeFile(path.join(root, 'image.tar'), image);
    const imageSeal = await run(['seal', 'image.tar', '--json'], { cwd: root });
    const img = JSON.parse(imageSeal.stdout) as { entry: number; kind: string; files: number };
    expect(img).toMatchObject({ kind: 'image', files: 4 });
    await writeFile(path.join(root, 'image.tar'), await tarOf({ 'manifest.json': '[{"Layers":["abc/layer.tar"]}]', 'abc/layer.tar': await tarOf({ 'etc/app.conf': 'secret=yes', 'usr/bin/app': 'bin' }) }));
    const imgChanged = await run(['verify', 'image.tar', '--entry', String(img.entry)], { cwd: root });
    expect(imgChanged.stdout).toContain('modified abc/layer.tar!etc/app.conf');
    expect(imgChanged.stdout).toContain('modified abc/layer.tar\n');
  });

  it('reports bad input with one line and exit 2', async () => {
    const cases: [string[], string][] = [
      [['seal'], 'seal needs exactly one PATH'],
      [['seal', 'does-not-exist'], 'no such file'],
      [['seal', 'release', '--nope'], "seal: Unknown option '--nope'"],
      [['verify', 'release'], 'one of --entry N or --manifest FILE'],
      [['verify', 'release', '--entry', '999'], 'entry 999 is not in the log'],
      [['verify', 'release', '--entry=-1'], '--entry must be a non-negative integer'],
      [['verify', 'release', '--entry', '0', '--pubkey', 'other.example+00000000+AQ=='], 'verifier key'],
      [['log', 'frobnicate'], 'log: expected'],
      [['seal', 'release', '--key', 'missing.key'], 'no signing key'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv, { cwd: root });
      expect(r.exitCode, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    await writeFile(path.join(root, 'not-a.tar'), 'hello, not a tarball at all '.repeat(40));
    const notTar = await run(['seal', 'not-a.tar'], { cwd: root });
    expect(notTar.exitCode).toBe(2);
    expect(notTar.stderr).toMatch(/tar/);
  });
});

describe('leakproof log', () => {
  it('prints and verifies checkpoint, proofs, events and fsck', async () => {
    const cp = await run(['log', 'checkpoint'], { cwd: root });
    expect(cp.exitCode).toBe(0);
    expect(cp.stdout).toMatch(/^releases\.example\/log\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 releases\.example\/log /);
    const size = Number(cp.stdout.split('\n')[1]);
    expect(size).toBeGreaterThanOrEqual(3);
    const inc = await run(['log', 'inclusion', '--entry', '1', '--json'], { cwd: root });
    expect(inc.exitCode).toBe(0);
    expect((JSON.parse(inc.stdout) as { proof: string[] }).proof.length).toBeGreaterThan(0);
    expect((await run(['log', 'inclusion', '--entry', '0', '--size', '2'], { cwd: root })).stdout).toContain('# verified');
    const cons = await run(['log', 'consistency', '--from', '1'], { cwd: root });
    expect(cons.exitCode).toBe(0);
    expect(cons.stdout).toContain('# verified');
    const events = await run(['log', 'events'], { cwd: root });
    expect(events.stdout.split('\n').filter((l) => l.includes('\tseal\t')).length).toBe(size);
    const ok = await run(['log', 'fsck'], { cwd: root });
    expect(ok.stdout).toContain(`ok: ${size} entries`);
    expect(ok.exitCode).toBe(0);

    const tile = path.join(root, '.leakproof', 'ledger', 'tile', '0', `000.p`, String(size));
    const bytes = await readFile(tile);
    bytes[5] = (bytes[5] ?? 0) ^ 0xff;
    await writeFile(tile, bytes);
    const bad = await run(['log', 'fsck'], { cwd: root });
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toContain(`PROBLEM tile/0/000.p/${size}: hash tile content is wrong`);
    const proofFails = await run(['log', 'inclusion', '--entry', '1'], { cwd: root });
    expect(proofFails.exitCode).toBe(2);
    bytes[5] = (bytes[5] ?? 0) ^ 0xff;
    await writeFile(tile, bytes);
  });
});
