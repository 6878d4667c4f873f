/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles) naming and entry bundles.
 *
 * Hash tiles hold 256 consecutive hashes of one tree level: tile level L stores Merkle level 8·L.
 * A tile that is not yet full is published as `<name>.p/<width>`. Entry bundles hold the log
 * entries themselves, each prefixed with its length as a big-endian uint16.
 */
import { LeakproofError } from '../../errors.js';
import { HASH_SIZE, nodeHash, type Hash } from './merkle.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
export const MAX_ENTRY_SIZE = 0xffff;

/** `1234067` → `x001/x234/067`: groups of three digits, all but the last prefixed with `x`. */
export function tileIndexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new LeakproofError('INDEX_INVALID', `bad tile index ${index}`);
  let digits = String(index);
  while (digits.length % 3 !== 0) digits = `0${digits}`;
  const groups = digits.match(/.{3}/g) ?? ['000'];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function withWidth(base: string, width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new LeakproofError('INDEX_INVALID', `bad tile width ${width}`);
  return width === TILE_WIDTH ? base : `${base}.p/${width}`;
}

export function hashTilePath(level: number, index: number, width: number): string {
  if (!Number.isInteger(level) || level < 0 || level > 63) throw new LeakproofError('INDEX_INVALID', `bad tile level ${level}`);
  return withWidth(`tile/${level}/${tileIndexPath(index)}`, width);
}

export function entryBundlePath(index: number, width: number): string {
  return withWidth(`tile/entries/${tileIndexPath(index)}`, width);
}

export interface ParsedTilePath {
  readonly kind: 'hash' | 'entries';
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** Parses a path relative to the log root; undefined for anything that is not a canonical tile name. */
export function parseTilePath(relative: string): ParsedTilePath | undefined {
  const m = /^tile\/(entries|[0-9]|[1-5][0-9]|6[0-3])\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(relative);
  if (!m) return undefined;
  const [, levelText = '', indexText = '', widthText] = m;
  const groups = indexText.split('/').map((g) => g.replace(/^x/, ''));
  if (groups.length > 1 && groups[0] === '000') return undefined;
  const index = Number(groups.join(''));
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if ((widthText !== undefined && width >= TILE_WIDTH) || !Number.isSafeInteger(index)) return undefined;
  const parsed: ParsedTilePath = levelText === 'entries' ? { kind: 'entries', level: 0, index, width } : { kind: 'hash', level: Number(levelText), index, width };
  // Only the canonical spelling counts: anything else is a stray file.
  const canonical = parsed.kind === 'entries' ? entryBundlePath(index, width) : hashTilePath(parsed.level, index, width);
  return canonical === relative ? parsed : undefined;
}

/** Number of hashes in tile `index` of tile level `level` for a tree of `size` leaves (0 when none). */
export function tileWidthAt(level: number, index: number, size: number): number {
  const count = Math.floor(size / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, count - index * TILE_WIDTH));
}

export function encodeBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new LeakproofError('INPUT_TOO_LARGE', `log entry of ${e.length} bytes exceeds the ${MAX_ENTRY_SIZE}-byte limit of tlog-tiles`);
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle that must hold exactly `count` entries and nothing else. */
export function decodeBundle(bytes: Uint8Array, count: number, where?: string): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  const options = where === undefined ? {} : { where };
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new LeakproofError('LEDGER_CORRUPT', 'entry bundle ends inside a length prefix', options);
    const len = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    if (at + 2 + len > bytes.length) throw new LeakproofError('LEDGER_CORRUPT', 'entry bundle is truncated', options);
    entries.push(bytes.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  if (entries.length !== count) throw new LeakproofError('LEDGER_CORRUPT', `entry bundle holds ${entries.length} entries, expected ${count}`, options);
  return entries;
}

export function encodeTile(hashes: readonly Hash[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}

export function decodeTile(bytes: Uint8Array, width: number, where?: string): Hash[] {
  if (bytes.length !== width * HASH_SIZE) {
    throw new LeakproofError('LEDGER_CORRUPT', `hash tile is ${bytes.length} bytes, expected ${width * HASH_SIZE}`, where === undefined ? {} : { where });
  }
  const out: Hash[] = [];
  // Plain Uint8Array views (not Buffer), so that a caller's slice() copies rather than aliases the tile.
  for (let i = 0; i < width; i++) out.push(new Uint8Array(bytes.buffer, bytes.byteOffset + i * HASH_SIZE, HASH_SIZE));
  return out;
}

/** Root of a full tile: the Merkle level 8 node above its 256 hashes. */
export function fullTileRoot(hashes: readonly Hash[]): Hash {
  let level = hashes.slice();
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    level = next;
  }
  return level[0]!;
}

/**
 * Root of the tree whose right edge is given as, for each tile level (lowest first), the hashes of
 * the last partial tile. Each hash of level L is a perfect subtree of 256^L leaves, so the tree is
 * their left-to-right concatenation (highest level first) folded from the right.
 */
export function rootFromEdge(edge: readonly (readonly Hash[])[]): Hash | undefined {
  const perfect: Hash[] = [];
  for (let level = edge.length - 1; level >= 0; level--) {
    const row = edge[level]!;
    // Split the row into power-of-two runs, largest first, like the binary digits of its length.
    let at = 0;
    for (let bit = 7; bit >= 0; bit--) {
      const run = 1 << bit;
      if ((row.length & run) !== 0) {
        perfect.push(fullTileRoot(row.slice(at, at + run)));
        at += run;
      }
    }
  }
  if (perfect.length === 0) return undefined;
  let acc = perfect[perfect.length - 1]!;
  for (let i = perfect.length - 2; i >= 0; i--) acc = nodeHash(perfect[i]!, acc);
  return acc;
}
