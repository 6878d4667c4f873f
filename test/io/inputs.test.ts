import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, promises as fsp, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { readInputs, type InputOptions } from '../../src/io/inputs.js';
import { collect, makeTar, makeZip, run, settle, summary, tempDir, text } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => cleanup());

function write(relative: string, content: string | Uint8Array): void {
  const file = path.join(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function scan(targets: readonly string[], options: Partial<InputOptions> = {}) {
  return readInputs(targets, { cwd: dir, ...options });
}

describe('directories', () => {
  it('walks depth-first in sorted order with paths relative to cwd', async () => {
    write('b.txt', 'b');
    write('a/z.txt', 'z');
    write('a/b/c.txt', 'c');
    write('A.txt', 'A');
    expect(summary(await collect(scan(['.'])))).toEqual(['file A.txt', 'file a/b/c.txt', 'file a/z.txt', 'file b.txt']);
    expect(summary(await collect(scan(['a'])))).toEqual(['file a/b/c.txt', 'file a/z.txt']);
    expect(summary(await collect(scan([path.join(dir, 'a', 'b') + '/'])))).toEqual(['file a/b/c.txt']);
  });

  it('delivers the same events in the same order whatever the read-ahead', async () => {
    for (let i = 0; i < 60; i++) write(`d${i % 7}/f${i}.txt`, `content ${i}\n`.repeat(i * 50));
    const one = await collect(scan(['.'], { readAhead: 1 }));
    const many = await collect(scan(['.'], { readAhead: 32 }));
    expect(many).toEqual(one);
    expect(one).toHaveLength(60);
  });

  it('shows targets outside cwd as given', async () => {
    write('inner/x.txt', 'x');
    const events = await collect(readInputs([path.join(dir, 'inner')], { cwd: path.join(dir, 'inner', '..', 'elsewhere') }));
    expect(summary(events)).toEqual([`file ${path.join(dir, 'inner')}/x.txt`]);
  });

  it('honours nested .gitignore files with negations, .git/info/exclude, and always skips .git', async () => {
    run('git', ['init', '-q'], dir);
    write('.git/info/exclude', 'secret-notes.txt\n');
    write('.gitignore', '*.log\n!keep.log\nbuild/\n');
    write('app.log', 'x');
    write('keep.log', 'kept');
    write('secret-notes.txt', 'x');
    write('build/out.js', 'x');
    write('src/.gitignore', '!debug.log\ngenerated/\n*.tmp\n');
    write('src/debug.log', 'kept by nested negation');
    write('src/other.log', 'x');
    write('src/generated/g.ts', 'x');
    write('src/a.tmp', 'x');
    write('src/main.ts', 'kept');
    write('lib/a.tmp', 'not ignored here: the rule lives in src/.gitignore');
    const events = await collect(scan(['.']));
    expect(summary(events)).toEqual(['file .gitignore', 'file keep.log', 'file lib/a.tmp', 'file src/.gitignore', 'file src/debug.log', 'file src/main.ts']);
    // git agrees about every file we skipped or kept.
    const gitKept = run('git', ['ls-files', '--others', '--exclude-standard'], dir).trim().split('\n').sort();
    expect(events.map((event) => event.path).sort()).toEqual(gitKept);
    // Scanning a subdirectory still applies the rules of the levels above it.
    expect(summary(await collect(scan(['src'])))).toEqual(['file src/.gitignore', 'file src/debug.log', 'file src/main.ts']);
    // A directory named explicitly is scanned even though git ignores it; rules inside it still apply.
    write('build/.gitignore', '*.map\n');
    write('build/out.js.map', 'x');
    expect(summary(await collect(scan(['build'])))).toEqual(['file build/.gitignore', 'file build/out.js']);
    // And the whole lot is scanned when gitignore is off (but never .git).
    const all = await collect(scan(['.'], { respectGitignore: false }));
    expect(all.some((event) => event.path === 'build/out.js')).toBe(true);
    expect(all.some((event) => event.path.startsWith('.git/'))).toBe(false);
  });

  it('applies config excludes relative to each walked root', async () => {
    write('proj/dist/a.js', 'x');
    write('proj/src/a.js', 'x');
    write('proj/src/a.test.js', 'x');
    write('proj/src/keep.test.js', 'x');
    const events = await collect(scan(['proj'], { excludes: ['dist/', '*.test.js', '!keep.test.js'] }));
    expect(summary(events)).toEqual(['file proj/src/a.js', 'file proj/src/keep.test.js']);
  });

  it('skips symlinks by default and detects loops when following them', async () => {
    write('real/file.txt', 'real');
    symlinkSync('../real', path.join(dir, 'real', 'loop'));
    symlinkSync('real/file.txt', path.join(dir, 'alias.txt'));
    symlinkSync('missing', path.join(dir, 'dangling'));
    symlinkSync('self-b', path.join(dir, 'self-a'));
    symlinkSync('self-a', path.join(dir, 'self-b'));
    expect(summary(await collect(scan(['.'])))).toEqual([
      'skip alias.txt symlink (not followed)',
      'skip dangling symlink (not followed)',
      'file real/file.txt',
      'skip real/loop symlink (not followed)',
      'skip self-a symlink (not followed)',
      'skip self-b symlink (not followed)',
    ]);
    expect(summary(await collect(scan(['.'], { followSymlinks: true })))).toEqual([
      'file alias.txt',
      'skip dangling broken symlink',
      'file real/file.txt',
      'skip real/loop SYMLINK_LOOP',
      'skip self-a SYMLINK_LOOP',
      'skip self-b SYMLINK_LOOP',
    ]);
  });

  it('skips binaries by content and known extensions, but scans invalid UTF-8 and transcodes UTF-16', async () => {
    write('blob', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]));
    write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    write('latin1.properties', Buffer.from([0x70, 0x77, 0x3d, 0xe9, 0xe8, 0x0a]));
    write('win.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('key=value\r\n', 'utf16le')]));
    write('notes.bin', 'plain text in a .bin file');
    const events = await collect(scan(['.']));
    expect(summary(events)).toEqual(['skip blob binary', 'file latin1.properties', 'skip logo.png binary', 'file notes.bin', 'file win.txt']);
    expect(events[1]?.kind === 'file' && Buffer.from(events[1].bytes)).toEqual(Buffer.from([0x70, 0x77, 0x3d, 0xe9, 0xe8, 0x0a]));
    expect(text(events[4])).toBe('key=value\r\n');
    expect(events[4]).toMatchObject({ transcodedFrom: 'utf-16le' });
  });

  it('skips files over maxFileBytes, unless they are archives', async () => {
    write('big.txt', 'x'.repeat(5000));
    write('small.txt', 'ok');
    write('big.tar', await makeTar([{ name: 'inner.txt', content: 'in' }, { name: 'pad.txt', content: 'p'.repeat(6000) }]));
    const events = await collect(scan(['.'], { maxFileBytes: 4096 }));
    expect(summary(events)).toEqual(['file big.tar!inner.txt', 'skip big.tar!pad.txt INPUT_TOO_LARGE', 'skip big.txt INPUT_TOO_LARGE', 'file small.txt']);
    const reason = events[2]?.kind === 'skip' ? events[2].reason : '';
    expect(reason).toBe('too large (4.9 KiB, limit 4 KiB)');
  });

  it('reads files larger than the first read block completely, text and archives alike', async () => {
    const large = Array.from({ length: 9000 }, (_, i) => `line ${i} of a long file\n`).join('');
    expect(large.length).toBeGreaterThan(200 * 1024);
    write('large.txt', large);
    write('large.tar', await makeTar([{ name: 'big.txt', content: large }, { name: 'tail.txt', content: 'end' }]));
    const events = await collect(scan(['.']));
    expect(summary(events)).toEqual(['file large.tar!big.txt', 'file large.tar!tail.txt', 'file large.txt']);
    expect(text(events[0])).toBe(large);
    expect(text(events[2])).toBe(large);
  });

  it('opens archives found while walking, recognised by magic bytes, and turns their errors into skips', async () => {
    write('pkg.tgz', zlib.gzipSync(await makeTar([{ name: 'package/index.js', content: 'x' }])));
    write('disguised.png', makeZip({ 'inside.txt': 'hidden' }));
    write('renamed.dat', await makeTar([{ name: 'a.txt', content: 'a' }]));
    write('evil.zip', makeZip({ '../../etc/passwd': 'x' }));
    write('cut.tgz', zlib.gzipSync(await makeTar([{ name: 'a', content: 'a'.repeat(2000) }])).subarray(0, 40));
    write('z.txt', 'after');
    const events = await collect(scan(['.']));
    expect(summary(events)).toEqual([
      'skip cut.tgz ARCHIVE_CORRUPT',
      'file disguised.png!inside.txt',
      'skip evil.zip ARCHIVE_TRAVERSAL',
      'file pkg.tgz!package/index.js',
      'file renamed.dat!a.txt',
      'file z.txt',
    ]);
  });

  it('reports an unreadable file or directory as a skip', async (context) => {
    if (process.getuid?.() === 0) context.skip(); // root reads everything
    write('locked/x.txt', 'x');
    write('nope.txt', 'x');
    write('ok.txt', 'ok');
    chmodSync(path.join(dir, 'locked'), 0o000);
    chmodSync(path.join(dir, 'nope.txt'), 0o000);
    try {
      expect(summary(await collect(scan(['.'])))).toEqual(['skip locked INPUT_UNREADABLE', 'skip nope.txt INPUT_UNREADABLE', 'file ok.txt']);
    } finally {
      chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('skips FIFOs while walking instead of blocking on them', async () => {
    write('a.txt', 'a');
    makeFifo(path.join(dir, 'pipe'));
    expect(summary(await collect(scan(['.'])))).toEqual(['file a.txt', 'skip pipe not a regular file']);
  });
});

describe('explicit targets', () => {
  it('reads single files, deduplicates targets, and keeps target order', async () => {
    write('b.txt', 'b');
    write('a.txt', 'a');
    const events = await collect(scan(['b.txt', 'a.txt', './b.txt']));
    expect(summary(events)).toEqual(['file b.txt', 'file a.txt']);
  });

  it('follows a symlink named as a target, but not the ones inside it', async () => {
    write('real/a.txt', 'a');
    symlinkSync('a.txt', path.join(dir, 'real', 'b.txt'));
    symlinkSync('real', path.join(dir, 'link'));
    expect(summary(await collect(scan(['link'])))).toEqual(['file link/a.txt', 'skip link/b.txt symlink (not followed)']);
  });

  it('throws INPUT_NOT_FOUND for a missing target', async () => {
    const { error } = await settle(scan(['nope/missing.txt']));
    expect(error?.code).toBe('INPUT_NOT_FOUND');
    expect(error?.oneLine()).toBe('nope/missing.txt: no such file or directory');
  });

  it('throws for a broken or hostile archive named directly', async () => {
    write('evil.tar', await makeTar([{ name: 'ok.txt', content: 'ok' }, { name: '/abs/path', content: 'x' }]));
    const { events, error } = await settle(scan(['evil.tar']));
    expect(summary(events)).toEqual(['file evil.tar!ok.txt']);
    expect(error?.code).toBe('ARCHIVE_TRAVERSAL');
    expect(error?.oneLine()).toBe('evil.tar!/abs/path: entry has an absolute path');
    write('cut.zip', makeZip({ a: 'a' }).subarray(0, 20));
    expect((await settle(scan(['cut.zip']))).error?.code).toBe('ARCHIVE_CORRUPT');
  });

  it('reads an archive from a real npm pack and a system tar of the working tree', async () => {
    write('pkg/package.json', JSON.stringify({ name: 'tiny', version: '0.0.1' }));
    write('pkg/index.js', 'module.exports = {};\n');
    run('npm', ['pack', '--silent', '--offline', '--ignore-scripts'], path.join(dir, 'pkg'));
    run('tar', ['-czf', 'tree.tar.gz', 'pkg/index.js'], dir);
    const events = await collect(scan(['pkg/tiny-0.0.1.tgz', 'tree.tar.gz']));
    expect(summary(events)).toEqual(['file pkg/tiny-0.0.1.tgz!package/index.js', 'file pkg/tiny-0.0.1.tgz!package/package.json', 'file tree.tar.gz!pkg/index.js']);
  });

  it('rejects nonsense limits with a usage error', async () => {
    expect((await settle(scan(['.'], { maxFileBytes: -1 }))).error?.code).toBe('USAGE');
    expect((await settle(scan(['.'], { archives: { maxDepth: 1.5 } }))).error?.code).toBe('USAGE');
  });
});

describe('standard input', () => {
  it('reads text from stdin as `-`', async () => {
    const events = await collect(scan(['-'], { stdin: Readable.from([Buffer.from('line 1\n'), Buffer.from('line 2\n')]) }));
    expect(summary(events)).toEqual(['file -']);
    expect(text(events[0])).toBe('line 1\nline 2\n');
  });

  it('reads an archive piped to stdin, and throws when it is hostile', async () => {
    const tgz = zlib.gzipSync(await makeTar([{ name: 'package/a.js', content: 'a' }]));
    expect(summary(await collect(scan(['-'], { stdin: Readable.from([tgz]) })))).toEqual(['file -!package/a.js']);
    const evil = makeZip({ '..\\..\\boot.ini': 'x' });
    expect((await settle(scan(['-'], { stdin: Readable.from([evil]) }))).error?.code).toBe('ARCHIVE_TRAVERSAL');
  });

  it('skips stdin over maxFileBytes, and fails clearly without stdin', async () => {
    const events = await collect(scan(['-'], { stdin: Readable.from([Buffer.alloc(3000, 0x61), Buffer.alloc(3000, 0x61)]), maxFileBytes: 4096 }));
    expect(summary(events)).toEqual(['skip - INPUT_TOO_LARGE']);
    expect((await settle(scan(['-']))).error?.code).toBe('INPUT_NOT_FOUND');
  });

  it('reads a named pipe given explicitly', async () => {
    const fifo = path.join(dir, 'fifo');
    makeFifo(fifo);
    const writer = fsp.writeFile(fifo, 'through a pipe\n');
    const events = await collect(scan(['fifo']));
    await writer;
    expect(summary(events)).toEqual(['file fifo']);
    expect(text(events[0])).toBe('through a pipe\n');
  });
});

function makeFifo(file: string): void {
  run('mkfifo', [file], path.dirname(file));
}
