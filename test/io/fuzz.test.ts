/**
 * Hostile input never crashes and never hangs: whatever bytes arrive as an archive, reading
 * them ends with events or a LeakproofError, nothing else.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import zlib from 'node:zlib';
import { readArchive } from '../../src/io/archive.js';
import { mapOrdered } from '../../src/io/inputs.js';
import { LeakproofError } from '../../src/errors.js';
import { makeTar, makeZip } from './helpers.js';

const limits = { maxEntries: 200, maxTotalBytes: 4 * 1024 * 1024, maxEntryBytes: 1024 * 1024, maxDepth: 3 };

async function readsSafely(bytes: Uint8Array): Promise<void> {
  try {
    for await (const event of readArchive(bytes, 'fuzz', { limits, maxFileBytes: 64 * 1024 })) {
      expect(event.path.startsWith('fuzz')).toBe(true);
    }
  } catch (error) {
    if (!(error instanceof LeakproofError)) throw error;
    expect(error.where?.startsWith('fuzz')).toBe(true);
  }
}

/** A tar header block with random fields but a valid checksum, so the parser goes past it. */
function tarHeader(fields: Uint8Array, typeflag: number): Uint8Array {
  const block = new Uint8Array(512);
  block.set(fields.subarray(0, 512));
  block[156] = typeflag;
  block.set(Buffer.from('ustar\x0000'), 257);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.set(Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return block;
}

const typeflags = fc.constantFrom(...'0125LKxgS7'.split('').map((c) => c.charCodeAt(0)), 0);

describe('fuzzing the archive readers', () => {
  it('random bytes behind each magic number', async () => {
    const magic = fc.constantFrom([0x1f, 0x8b, 0x08], [0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06]);
    await fc.assert(
      fc.asyncProperty(magic, fc.uint8Array({ maxLength: 4096 }), async (prefix, rest) => {
        await readsSafely(Buffer.concat([Buffer.from(prefix), rest]));
      }),
      { numRuns: 300 },
    );
  });

  it('tar headers with random fields and valid checksums, then random data', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.uint8Array({ minLength: 512, maxLength: 512 }), typeflags, fc.uint8Array({ maxLength: 1500 })), { minLength: 1, maxLength: 4 }), async (parts) => {
        const chunks = parts.flatMap(([fields, typeflag, data]) => [tarHeader(fields, typeflag), data]);
        const bytes = Buffer.concat(chunks);
        await readsSafely(bytes);
        await readsSafely(zlib.gzipSync(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('real archives with flipped bytes and truncations', async () => {
    const inner = zlib.gzipSync(await makeTar([{ name: 'package/a.js', content: 'const a = 1;\n'.repeat(40) }]));
    const samples = [
      await makeTar([
        { name: 'd/', type: 'directory' },
        { name: `d/${'x'.repeat(130)}.txt`, content: 'pax named' },
        { name: 'd/l', type: 'symlink', linkname: '../x' },
        { name: 'd/inner.tgz', content: inner },
      ]),
      inner,
      makeZip({ 'a.txt': 'alpha '.repeat(50), 'n/inner.tgz': inner, 'b/': new Uint8Array(0) }),
      makeZip({ 'stored.txt': 'stored data' }, 0),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...samples),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (sample, flips, cut) => {
          const bytes = Buffer.from(sample);
          for (const [position, value] of flips) bytes[position % bytes.length] = value;
          await readsSafely(cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1)));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('mapOrdered', () => {
  it('yields results in source order whatever the completion order and concurrency', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 5 }), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), async (delays, concurrency) => {
        async function* source(): AsyncGenerator<[number, number]> {
          for (const [index, delay] of delays.entries()) {
            // The walker awaits between items too; let the tasks run meanwhile.
            await Promise.resolve();
            yield [index, delay];
          }
        }
        let running = 0;
        let peak = 0;
        const out: number[] = [];
        for await (const value of mapOrdered(source(), concurrency, async ([index, delay]) => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, delay));
          running--;
          return index;
        })) {
          out.push(value);
        }
        expect(out).toEqual(delays.map((_, index) => index));
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 40 },
    );
  });
});
