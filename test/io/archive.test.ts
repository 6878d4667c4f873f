import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, linkSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { strToU8 } from 'fflate';
import { readArchive } from '../../src/io/archive.js';
import { collect, hasCommand, noise, makeTar, makeZip, run, settle, summary, tempDir, text } from './helpers.js';

const small = { maxEntries: 1000, maxTotalBytes: 8 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxDepth: 4 };

describe('tar and tar.gz', () => {
  it('reads a tarball made by tar-stream, gzipped or not, and names entries archive!entry', async () => {
    const tarball = await makeTar([
      { name: 'package/', type: 'directory' },
      { name: 'package/index.js', content: 'module.exports = 1;\n' },
      { name: 'package/empty.txt', content: '' },
    ]);
    for (const bytes of [tarball, zlib.gzipSync(tarball)]) {
      const events = await collect(readArchive(bytes, 'pkg.tgz'));
      expect(summary(events)).toEqual(['file pkg.tgz!package/index.js', 'file pkg.tgz!package/empty.txt']);
      expect(text(events[0])).toBe('module.exports = 1;\n');
    }
  });

  it('reads pax long paths (tar-stream) and GNU long names (system tar)', async () => {
    const long = `package/${'d'.repeat(120)}/${'f'.repeat(110)}.js`;
    const pax = await collect(readArchive(await makeTar([{ name: long, content: 'pax' }]), 'p.tar'));
    expect(summary(pax)).toEqual([`file p.tar!${long}`]);

    const { dir, cleanup } = tempDir();
    try {
      const deep = path.join(dir, 'src', 'a'.repeat(90), 'b'.repeat(90));
      mkdirSync(deep, { recursive: true });
      writeFileSync(path.join(deep, `${'c'.repeat(120)}.txt`), 'gnu long name\n');
      for (const format of ['gnu', 'pax', 'ustar']) {
        const archive = path.join(dir, `${format}.tar.gz`);
        try {
          run('tar', [`--format=${format}`, '-czf', archive, '-C', dir, 'src'], dir);
        } catch {
          expect(format).toBe('ustar'); // ustar cannot store names this long; tar refuses
          continue;
        }
        const events = await collect(readArchive(readFileSync(archive), `${format}.tar.gz`));
        const file = events.find((event) => event.kind === 'file');
        expect(file?.path).toBe(`${format}.tar.gz!src/${'a'.repeat(90)}/${'b'.repeat(90)}/${'c'.repeat(120)}.txt`);
        expect(text(file)).toBe('gnu long name\n');
      }
    } finally {
      cleanup();
    }
  });

  it('recognises pre-POSIX v7 tarballs by their header checksum', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'old.txt'), 'from 1979\n');
      run('tar', ['--format=v7', '-cf', 'old.tar', 'old.txt'], dir);
      const bytes = readFileSync(path.join(dir, 'old.tar'));
      expect(bytes.subarray(257, 262).toString()).not.toBe('ustar');
      const events = await collect(readArchive(bytes, 'old.tar'));
      expect(summary(events)).toEqual(['file old.tar!old.txt']);
    } finally {
      cleanup();
    }
  });

  it('reads a real npm pack tarball', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const pkg = path.join(dir, 'tiny');
      mkdirSync(path.join(pkg, 'lib'), { recursive: true });
      writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'tiny-leak', version: '1.0.0', main: 'lib/index.js' }));
      writeFileSync(path.join(pkg, 'lib', 'index.js'), 'exports.token = process.env.TOKEN;\n');
      const out = run('npm', ['pack', '--silent', '--offline', '--ignore-scripts', '--pack-destination', dir], pkg).trim();
      expect(out.split('\n').pop()).toBe('tiny-leak-1.0.0.tgz');
      const events = await collect(readArchive(readFileSync(path.join(dir, 'tiny-leak-1.0.0.tgz')), 'tiny-leak-1.0.0.tgz'));
      expect(summary(events).sort()).toEqual(['file tiny-leak-1.0.0.tgz!package/lib/index.js', 'file tiny-leak-1.0.0.tgz!package/package.json']);
    } finally {
      cleanup();
    }
  });

  it('skips symlink, hard link and directory entries without following them (system tar)', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const src = path.join(dir, 'src');
      mkdirSync(src);
      writeFileSync(path.join(src, 'real.txt'), 'real\n');
      symlinkSync('/etc/passwd', path.join(src, 'sym'));
      linkSync(path.join(src, 'real.txt'), path.join(src, 'hard.txt'));
      run('tar', ['-cf', path.join(dir, 'x.tar'), '-C', dir, 'src'], dir);
      const events = await collect(readArchive(readFileSync(path.join(dir, 'x.tar')), 'x.tar'));
      const byPath = new Map(events.map((event) => [event.path, event]));
      expect(byPath.get('x.tar!src/sym')).toMatchObject({ kind: 'skip', reason: 'symlink entry (not followed)' });
      // tar stores the second name of a hard-linked file as a link entry; which name comes first depends on readdir order.
      const kinds = ['x.tar!src/real.txt', 'x.tar!src/hard.txt'].map((p) => byPath.get(p)?.kind).sort();
      expect(kinds).toEqual(['file', 'skip']);
    } finally {
      cleanup();
    }
  });

  it('treats a gzipped file that is not a tar as one member', async () => {
    const events = await collect(readArchive(zlib.gzipSync('API_KEY=abc\n'), 'dump/env.txt.gz'));
    expect(summary(events)).toEqual(['file dump/env.txt.gz!env.txt']);
    expect(text(events[0])).toBe('API_KEY=abc\n');
  });

  it('refuses traversal and absolute entry names, naming archive and entry', async () => {
    for (const name of ['../evil.sh', 'package/../../evil.sh', '/etc/cron.d/x']) {
      const { error } = await settle(readArchive(await makeTar([{ name, content: 'x' }]), 'bad.tar'));
      expect(error?.code).toBe('ARCHIVE_TRAVERSAL');
      expect(error?.where).toBe(`bad.tar!${name}`);
    }
  });

  it('reports truncated and corrupt tarballs as ARCHIVE_CORRUPT', async () => {
    const tarball = await makeTar([{ name: 'a.txt', content: 'x'.repeat(3000) }, { name: 'b.txt', content: 'y' }]);
    for (const cut of [700, 1024, 1500]) {
      expect((await settle(readArchive(tarball.subarray(0, cut), 't.tar'))).error?.code).toBe('ARCHIVE_CORRUPT');
    }
    const gz = zlib.gzipSync(tarball);
    expect((await settle(readArchive(gz.subarray(0, gz.length - 30), 't.tgz'))).error?.code).toBe('ARCHIVE_CORRUPT');
    const flipped = Buffer.from(tarball);
    flipped[3584] = 0x41; // second header: checksum no longer matches
    expect((await settle(readArchive(flipped, 't.tar'))).error?.code).toBe('ARCHIVE_CORRUPT');
  });

  it('stops a gzip bomb by ratio with the default limits, and by entry size with small ones', async () => {
    const zeros = Buffer.alloc(40 * 1024 * 1024);
    const bomb = zlib.gzipSync(await makeTar([{ name: 'zeros.bin', content: zeros }]), { level: 9 });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const byRatio = await settle(readArchive(bomb, 'bomb.tgz'));
    expect(byRatio.error?.code).toBe('ARCHIVE_BOMB');
    expect(byRatio.error?.where).toBe('bomb.tgz');
    const bySize = await settle(readArchive(bomb, 'bomb.tgz', { limits: small }));
    expect(bySize.error?.code).toBe('ARCHIVE_BOMB');
    expect(bySize.error?.where).toBe('bomb.tgz!zeros.bin');
  });

  it('enforces entry count and total size limits as ARCHIVE_LIMIT when the data is not a bomb', async () => {
    const many = await makeTar(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}.txt`, content: `${i}` })));
    const count = await settle(readArchive(many, 'many.tar', { limits: { ...small, maxEntries: 10 } }));
    expect(count.error?.code).toBe('ARCHIVE_LIMIT');
    expect(count.events).toHaveLength(10);
    const random = noise(300_000);
    const big = zlib.gzipSync(await makeTar([{ name: 'r1', content: random }, { name: 'r2', content: random }]));
    const total = await settle(readArchive(big, 'big.tgz', { limits: { ...small, maxTotalBytes: 400_000 } }));
    expect(total.error?.code).toBe('ARCHIVE_LIMIT');
  });

  it('skips entries above maxFileBytes without buffering them, but still opens large nested archives', async () => {
    const inner = await makeTar([{ name: 'inside.txt', content: 'found me' }, { name: 'pad', content: 'p'.repeat(5000) }]);
    const outer = await makeTar([
      { name: 'big.txt', content: 'b'.repeat(5000) },
      { name: 'inner.tar', content: inner },
    ]);
    const events = await collect(readArchive(outer, 'o.tar', { maxFileBytes: 4096 }));
    expect(summary(events)).toEqual(['skip o.tar!big.txt INPUT_TOO_LARGE', 'file o.tar!inner.tar!inside.txt', 'skip o.tar!inner.tar!pad INPUT_TOO_LARGE']);
  });
});

describe('zip', () => {
  it('reads zips made by fflate, stored and deflated', async () => {
    for (const level of [0, 6] as const) {
      const zip = makeZip({ 'dir/a.txt': 'alpha\n', 'b.json': '{"k":1}', 'dir/': new Uint8Array(0) }, level);
      const events = await collect(readArchive(zip, 'x.zip'));
      expect(summary(events)).toEqual(['file x.zip!dir/a.txt', 'file x.zip!b.json']);
      expect(text(events[0])).toBe('alpha\n');
    }
  });

  it('reads a zip made by the zip command, skipping its stored symlink', async (context) => {
    if (!hasCommand('zip')) context.skip();
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(path.join(dir, 'src'));
      writeFileSync(path.join(dir, 'src', 'config.yml'), 'token: abc\n');
      symlinkSync('config.yml', path.join(dir, 'src', 'link.yml'));
      run('zip', ['-q', '-r', '-y', 'out.zip', 'src'], dir);
      const events = await collect(readArchive(readFileSync(path.join(dir, 'out.zip')), 'out.zip'));
      expect(summary(events).sort()).toEqual(['file out.zip!src/config.yml', 'skip out.zip!src/link.yml symlink entry (not followed)']);
    } finally {
      cleanup();
    }
  });

  it('reads zip64 archives (zip -fz) and empty zips', async (context) => {
    if (!hasCommand('zip')) context.skip();
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'a.txt'), 'zip64 entry\n');
      run('zip', ['-q', '-fz', 'z64.zip', 'a.txt'], dir);
      const z64 = readFileSync(path.join(dir, 'z64.zip'));
      expect(z64.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // zip64 end record present
      const events = await collect(readArchive(z64, 'z64.zip'));
      expect(summary(events)).toEqual(['file z64.zip!a.txt']);
      expect(text(events[0])).toBe('zip64 entry\n');
    } finally {
      cleanup();
    }
    expect(await collect(readArchive(makeZip({}), 'empty.zip'))).toEqual([]);
  });

  it('refuses traversal names: dot-dot, absolute, drive letters, backslashes', async () => {
    for (const name of ['../x.txt', '/abs.txt', 'C:/win.txt', 'a\\..\\..\\x.txt']) {
      const { error } = await settle(readArchive(makeZip({ [name]: 'x' }), 'bad.zip'));
      expect(error?.code, name).toBe('ARCHIVE_TRAVERSAL');
      expect(error?.where?.startsWith('bad.zip!')).toBe(true);
    }
  });

  it('skips symlink entries (unix mode in external attributes)', async () => {
    const zip = makeZip({ link: [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }], 'a.txt': 'a' });
    expect(summary(await collect(readArchive(zip, 'l.zip')))).toEqual(['skip l.zip!link symlink entry (not followed)', 'file l.zip!a.txt']);
  });

  it('detects a zip bomb: huge declared size, lying declared size, extreme ratio, overlapping entries', async () => {
    const zeros = Buffer.alloc(40 * 1024 * 1024);
    const bomb = makeZip({ 'zeros.txt': zeros });
    expect(bomb.length).toBeLessThan(100 * 1024);
    // Over the per-entry limit at a bomb's ratio.
    const declared = await settle(readArchive(bomb, 'bomb.zip', { limits: small }));
    expect(declared.error?.code).toBe('ARCHIVE_BOMB');
    expect(declared.error?.where).toBe('bomb.zip!zeros.txt');
    // Within limits, but the ratio alone gives it away.
    expect((await settle(readArchive(bomb, 'bomb.zip'))).error?.code).toBe('ARCHIVE_BOMB');
    // A header that claims 1000 bytes: inflation stops at 1000 bytes and the lie is reported.
    const lying = patchZipSizes(bomb, 1000);
    const liar = await settle(readArchive(lying, 'lie.zip'));
    expect(liar.error?.code).toBe('ARCHIVE_BOMB');
    expect(liar.error?.message).toContain('declared');
    // Two central directory records sharing one body.
    const twin = makeZip({ 'a.txt': 'a'.repeat(100), 'b.txt': 'b'.repeat(100) });
    setCentralField(twin, 1, 42, 0);
    expect((await settle(readArchive(twin, 'twin.zip'))).error?.code).toBe('ARCHIVE_BOMB');
  });

  it('reports truncation and CRC mismatch as ARCHIVE_CORRUPT', async () => {
    const zip = makeZip({ 'a.txt': 'hello world, hello world', 'b.txt': 'second' }, 0);
    expect((await settle(readArchive(zip.subarray(0, zip.length - 10), 'cut.zip'))).error?.code).toBe('ARCHIVE_CORRUPT');
    const flipped = Buffer.from(zip);
    flipped[zip.indexOf('hello world')] = 0x48;
    const crc = await settle(readArchive(flipped, 'crc.zip'));
    expect(crc.error?.code).toBe('ARCHIVE_CORRUPT');
    expect(crc.error?.where).toBe('crc.zip!a.txt');
  });

  it('limits entries by the declared count before parsing them', async () => {
    const zip = makeZip(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, `${i}`])));
    expect((await settle(readArchive(zip, 'n.zip', { limits: { ...small, maxEntries: 10 } }))).error?.code).toBe('ARCHIVE_LIMIT');
  });
});

describe('nesting', () => {
  it('reads archives inside archives and names them outer!inner!entry', async () => {
    const tgz = zlib.gzipSync(await makeTar([{ name: 'package/a.js', content: 'inner' }]));
    const zip = makeZip({ 'inner.tgz': tgz, 'top.txt': 'top' });
    const events = await collect(readArchive(zip, 'outer.zip'));
    expect(summary(events)).toEqual(['file outer.zip!inner.tgz!package/a.js', 'file outer.zip!top.txt']);
  });

  it('turns a broken nested archive into a skip event and keeps reading the parent', async () => {
    const evil = await makeTar([{ name: '../escape', content: 'x' }]);
    const zip = makeZip({ 'a.txt': 'a', 'evil.tar': evil, 'cut.zip': makeZip({ q: 'q' }).subarray(0, 30), 'z.txt': 'z' });
    const events = await collect(readArchive(zip, 'outer.zip'));
    expect(summary(events)).toEqual([
      'file outer.zip!a.txt',
      'skip outer.zip!evil.tar ARCHIVE_TRAVERSAL',
      'skip outer.zip!cut.zip ARCHIVE_CORRUPT',
      'file outer.zip!z.txt',
    ]);
    const skip = events[1];
    expect(skip?.kind === 'skip' && skip.reason).toContain('outer.zip!evil.tar!../escape');
  });

  it('stops at maxDepth', async () => {
    let bytes: Uint8Array = Buffer.from('deepest\n');
    let name = 'leaf.txt';
    for (let level = 0; level < 6; level++) {
      bytes = makeZip({ [name]: bytes });
      name = `level${level}.zip`;
    }
    const events = await collect(readArchive(bytes, 'top.zip'));
    expect(summary(events)).toEqual(['skip top.zip!level4.zip!level3.zip!level2.zip!level1.zip ARCHIVE_LIMIT']);
    const shallow = await collect(readArchive(bytes, 'top.zip', { limits: { maxDepth: 7 } }));
    expect(summary(shallow)).toEqual(['file top.zip!level4.zip!level3.zip!level2.zip!level1.zip!level0.zip!leaf.txt']);
  });

  it('shares the byte budget across nesting levels', async () => {
    const random = noise(200_000);
    const inner = makeZip({ r: random });
    const outer = makeZip({ 'i1.zip': inner, 'i2.zip': inner, 'i3.zip': inner });
    const result = await settle(readArchive(outer, 'o.zip', { limits: { ...small, maxTotalBytes: 1_000_000 } }));
    // The budget belongs to the outermost archive: crossing it inside a nested one aborts the whole read.
    expect(result.error?.code).toBe('ARCHIVE_LIMIT');
    expect(summary(result.events)).toEqual(['skip o.zip!i1.zip!r binary', 'skip o.zip!i2.zip!r binary']);
  });
});

/** Rewrites the uncompressed size of every entry (local and central headers), as a bomb maker would. */
function patchZipSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = 0; at + 4 <= out.length; at++) {
    const signature = out.readUInt32LE(at);
    if (signature === 0x04034b50) out.writeUInt32LE(size, at + 22);
    if (signature === 0x02014b50) out.writeUInt32LE(size, at + 24);
  }
  return out;
}

function setCentralField(zip: Buffer, index: number, offset: number, value: number): void {
  let seen = 0;
  for (let at = 0; at + 4 <= zip.length; at++) {
    if (zip.readUInt32LE(at) === 0x02014b50) {
      if (seen === index) {
        zip.writeUInt32LE(value, at + offset);
        return;
      }
      seen++;
    }
  }
  throw new Error('central record not found');
}
