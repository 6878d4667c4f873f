import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import zlib from 'node:zlib';
import { formatBytes, hasBinaryExtension, looksBinary, sniffKind, transcodeUtf16 } from '../../src/io/sniff.js';
import { makeTar, makeZip } from './helpers.js';

describe('sniffKind', () => {
  it('recognises archives by magic bytes, whatever their name', async () => {
    const tarball = await makeTar([{ name: 'a.txt', content: 'hello' }]);
    expect(sniffKind(tarball)).toBe('tar');
    expect(sniffKind(zlib.gzipSync(tarball))).toBe('gzip');
    expect(sniffKind(makeZip({ 'a.txt': 'hi' }))).toBe('zip');
    expect(sniffKind(Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]))).toBe('zip');
  });

  it('calls text text, even when it is not valid UTF-8', () => {
    expect(sniffKind(Buffer.from('const key = "abc";\n'))).toBe('text');
    expect(sniffKind(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe, 0x0a]))).toBe('text'); // Latin-1 "café" and stray bytes
    expect(sniffKind(new Uint8Array(0))).toBe('text');
    expect(sniffKind(Buffer.from('\x1b[31mred\x1b[0m\r\n\tindented\f'))).toBe('text');
  });

  it('calls NUL bytes and dense control bytes binary', () => {
    expect(sniffKind(Buffer.from('abc\0def'))).toBe('binary');
    expect(sniffKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x02, 0x03]))).toBe('binary');
  });

  it('treats UTF-16 with a byte order mark as text and transcodes it', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('password=hunter2\n', 'utf16le')]);
    expect(looksBinary(le)).toBe(false);
    expect(Buffer.from(transcodeUtf16(le, 'utf-16le')).toString()).toBe('password=hunter2\n');
    const be = Buffer.from(le.subarray(2)).swap16();
    const withBom = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    expect(Buffer.from(transcodeUtf16(withBom, 'utf-16be')).toString()).toBe('password=hunter2\n');
    // Without a BOM the NUL bytes win: it is binary.
    expect(looksBinary(Buffer.from('password', 'utf16le'))).toBe(true);
  });

  it('any content holding a NUL in its first 8 KiB (without a BOM, not an archive) is binary', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 600 }), (before, after) => {
        const bytes = Buffer.concat([Buffer.from([0x41]), before, Buffer.from([0]), after]);
        const kind = sniffKind(bytes);
        expect(['binary', 'tar', 'gzip', 'zip']).toContain(kind);
      }),
    );
  });

  it('printable ASCII is always text', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...' abcdefXYZ019=:"\n\t{}'.split('')) }), (value) => sniffKind(Buffer.from(value)) === 'text'));
  });
});

describe('helpers', () => {
  it('formats byte counts', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GiB');
  });

  it('knows binary extensions, case-insensitively, and not dotfiles', () => {
    expect(hasBinaryExtension('assets/logo.PNG')).toBe(true);
    expect(hasBinaryExtension('a/b.wasm')).toBe(true);
    expect(hasBinaryExtension('src/index.ts')).toBe(false);
    expect(hasBinaryExtension('.png')).toBe(false);
    expect(hasBinaryExtension('pkg.tgz')).toBe(false);
  });
});
