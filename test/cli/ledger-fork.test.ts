import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'lp-cli-fork-'));
  await mkdir(path.join(root, '.leakproof'));
  expect((await run(['key', 'generate', '--name', 'fork.example/log', '--out', '.leakproof/ledger.key'], { cwd: root })).exitCode).toBe(0);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function tarOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name, mode: 0o644 }, content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('fork detection from the CLI', () => {
  it('remembers checkpoints, accepts consistent growth and reports a split view loudly', async () => {
    await mkdir(path.join(root, 'a'));
    await writeFile(path.join(root, 'a', 'x.txt'), 'one');
    expect((await run(['seal', 'a', '--log', 'log1'], { cwd: root })).exitCode).toBe(0);
    // A second log under the same key that diverges from the first at entry 0.
    await writeFile(path.join(root, 'a', 'x.txt'), 'two');
    expect((await run(['seal', 'a', '--log', 'log2'], { cwd: root })).exitCode).toBe(0);

    const first = await run(['log', 'checkpoint', '--log', 'log1'], { cwd: root });
    expect(first.stdout).toContain('# verified; first');
    await writeFile(path.join(root, 'a', 'y.txt'), 'more');
    expect((await run(['seal', 'a', '--log', 'log1'], { cwd: root })).exitCode).toBe(0);
    expect((await run(['log', 'checkpoint', '--log', 'log1'], { cwd: root })).stdout).toContain('# verified; newer (remembered size 1)');

    // The same origin now shows a size-1 tree whose entry differs: it cannot be a prefix of what we saw.
    const forked = await run(['log', 'checkpoint', '--log', 'log2'], { cwd: root });
    expect(forked.exitCode).toBe(2);
    expect(forked.stderr).toContain('LOG FORK DETECTED');
    const evidence = await readdir(path.join(root, '.leakproof', 'ledger-state', 'forks'));
    expect(evidence.length).toBe(1);

    // Replacing the served log with the forked one is caught by verify as well.
    await rm(path.join(root, 'log1'), { recursive: true });
    await cp(path.join(root, 'log2'), path.join(root, 'log1'), { recursive: true });
    const verify = await run(['verify', 'a', '--entry', '0', '--log', 'log1'], { cwd: root });
    expect(verify.exitCode).toBe(2);
    expect(verify.stderr).toContain('LOG FORK DETECTED');
  });

  it('seals an OCI image layout tarball with gzipped layers', async () => {
    const layer = gzipSync(await tarOf({ 'app/main.js': 'console.log(1)', 'app/.env': 'TOKEN=redacted' }));
    const digest = 'a'.repeat(64);
    await writeFile(path.join(root, 'oci.tar'), await tarOf({ 'oci-layout': '{"imageLayoutVersion":"1.0.0"}', 'index.json': '{}', [`blobs/sha256/${digest}`]: layer }));
    const sealed = await run(['seal', 'oci.tar', '--json', '--log', 'log3'], { cwd: root });
    expect(sealed.stderr).toBe('');
    expect(sealed.exitCode).toBe(0);
    expect(JSON.parse(sealed.stdout)).toMatchObject({ kind: 'image', files: 5 });
    const ok = await run(['verify', 'oci.tar', '--entry', '0', '--log', 'log3', '--state', 'state3', '--json'], { cwd: root });
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, modified: [], added: [], removed: [] });
  });

  it('a witness cosigns consistent checkpoints, and a required cosignature is checked', async () => {
    expect((await run(['key', 'generate', '--name', 'witness.example/w1', '--out', 'w1.key'], { cwd: root })).exitCode).toBe(0);
    expect((await run(['key', 'generate', '--name', 'witness.example/w2', '--out', 'w2.key'], { cwd: root })).exitCode).toBe(0);
    const w1 = (await run(['key', 'public', '--key', 'w1.key', '--cosignature'], { cwd: root })).stdout.trim();
    const w2 = (await run(['key', 'public', '--key', 'w2.key', '--cosignature'], { cwd: root })).stdout.trim();
    expect(w1).toMatch(/^witness\.example\/w1\+[0-9a-f]{8}\+/);
    const cosigned = await run(['log', 'cosign', '--log', 'log3', '--witness-key', 'w1.key', '--state', 'w1-state'], { cwd: root });
    expect(cosigned.exitCode).toBe(0);
    expect(cosigned.stdout.split('\n\n')[1]!.split('\n').filter((l) => l.startsWith('\u2014 '))).toHaveLength(2);
    await writeFile(path.join(root, 'cosigned.txt'), cosigned.stdout);
    const ok = await run(['log', 'checkpoint', '--log', 'log3', '--note', 'cosigned.txt', '--witness', w1], { cwd: root });
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('# verified: fork.example/log, witness.example/w1');
    const missing = await run(['log', 'checkpoint', '--log', 'log3', '--note', 'cosigned.txt', '--witness', w2], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no cosignature by witness witness.example/w2');
    // A cosignature line moved onto a different checkpoint does not verify.
    const other = (await run(['log', 'checkpoint', '--log', 'log1', '--state', 'elsewhere'], { cwd: root })).stdout.split('# verified')[0]!;
    const transplanted = `${other}${cosigned.stdout.split('\n').filter((l) => l.startsWith('\u2014 witness')).join('\n')}\n`;
    await writeFile(path.join(root, 'transplanted.txt'), transplanted);
    const bad = await run(['log', 'checkpoint', '--log', 'log3', '--note', 'transplanted.txt', '--witness', w1], { cwd: root });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('does not verify');
  });
});
