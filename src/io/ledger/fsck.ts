/**
 * `log fsck`: recompute the whole log from its entry bundles and compare every stored byte with
 * what it must be. Each problem names the file and what is wrong with it.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError, isLeakproofError } from '../../errors.js';
import { parseCheckpoint, type Checkpoint } from '../../engines/ledger/checkpoint.js';
import { decodeEntry } from '../../engines/ledger/entries.js';
import { EMPTY_ROOT, equalBytes, leafHash, rootOf, type Hash } from '../../engines/ledger/merkle.js';
import { openNote, parseNote, type NoteVerifier } from '../../engines/ledger/note.js';
import { TILE_WIDTH, decodeBundle, encodeBundle, encodeTile, entryBundlePath, fullTileRoot, hashTilePath, parseTilePath, tileWidthAt, type ParsedTilePath } from '../../engines/ledger/tiles.js';
import { CHECKPOINT_FILE } from './tlog.js';

export interface FsckReport {
  readonly ok: boolean;
  readonly size: number | undefined;
  /** Each: `<file>: <what is wrong>`. Any problem means the log cannot be trusted as is. */
  readonly problems: string[];
  /** Harmless findings: leftovers of an interrupted append, a held lock. */
  readonly notes: string[];
}

export interface FsckOptions {
  /** Keys the checkpoint must be signed by; without them only the structure is checked. */
  readonly verifiers?: readonly NoteVerifier[];
  /** Also require every entry to be a well-formed leakproof entry (default true). */
  readonly leakproofEntries?: boolean;
}

async function walk(dir: string, rel = ''): Promise<string[]> {
  let names: import('node:fs').Dirent[];
  try {
    names = await readdir(path.join(dir, rel), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const out: string[] = [];
  for (const d of names) {
    const child = rel === '' ? d.name : `${rel}/${d.name}`;
    if (d.isDirectory()) out.push(...(await walk(dir, child)));
    else out.push(child);
  }
  return out;
}

function message(error: unknown): string {
  return isLeakproofError(error) ? error.message : (error as Error).message;
}

export async function fsck(dir: string, options: FsckOptions = {}): Promise<FsckReport> {
  const problems: string[] = [];
  const notes: string[] = [];
  const done = (size: number | undefined): FsckReport => ({ ok: problems.length === 0, size, problems, notes });

  let checkpoint: Checkpoint;
  try {
    const noteText = await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8');
    const text = options.verifiers ? openNote(noteText, options.verifiers).text : parseNote(noteText).text;
    if (!options.verifiers) notes.push('checkpoint: signature not checked (no key given)');
    checkpoint = parseCheckpoint(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LeakproofError('INPUT_NOT_FOUND', 'no ledger here (no checkpoint file)', { where: dir });
    problems.push(`${CHECKPOINT_FILE}: ${message(error)}`);
    return done(undefined);
  }
  const size = checkpoint.size;

  const files = await walk(dir);
  const tiles = new Map<string, ParsedTilePath>();
  for (const rel of files) {
    if (rel === CHECKPOINT_FILE) continue;
    if (rel === '.lock') {
      notes.push('.lock: a writer holds (or crashed holding) the lock');
      continue;
    }
    if (rel.startsWith('.tmp/')) {
      notes.push(`${rel}: staging file of an interrupted append`);
      continue;
    }
    if (rel.startsWith('blobs/sha256/')) continue;
    const parsed = parseTilePath(rel);
    if (parsed) tiles.set(rel, parsed);
    else problems.push(`${rel}: unexpected file in the ledger`);
  }

  const read = async (rel: string): Promise<Uint8Array | undefined> => {
    try {
      return new Uint8Array(await readFile(path.join(dir, ...rel.split('/'))));
    } catch {
      return undefined;
    }
  };
  const nameOf = (p: ParsedTilePath, width: number): string => (p.kind === 'entries' ? entryBundlePath(p.index, width) : hashTilePath(p.level, p.index, width));

  // Entries, from the bundles that cover the checkpoint.
  const entries: Uint8Array[] = [];
  const bundleCount = Math.ceil(size / TILE_WIDTH);
  let entriesComplete = true;
  for (let t = 0; t < bundleCount; t++) {
    const width = tileWidthAt(0, t, size);
    const p: ParsedTilePath = { kind: 'entries', level: 0, index: t, width };
    const rel = nameOf(p, width);
    const fullRel = nameOf(p, TILE_WIDTH);
    const exact = tiles.has(rel) ? await read(rel) : undefined;
    const bytes = exact ?? (width < TILE_WIDTH && tiles.has(fullRel) ? await read(fullRel) : undefined);
    if (!bytes) {
      problems.push(`${rel}: missing entry bundle`);
      entriesComplete = false;
      break;
    }
    try {
      const decoded = decodeBundle(bytes, exact ? width : TILE_WIDTH).slice(0, width);
      entries.push(...decoded);
    } catch (error) {
      problems.push(`${exact ? rel : fullRel}: ${message(error)}`);
      entriesComplete = false;
      break;
    }
  }
  if (!entriesComplete) return done(size);

  const blobDigests = new Set<string>();
  if (options.leakproofEntries ?? true) {
    entries.forEach((e, i) => {
      try {
        const decoded = decodeEntry(e);
        if (decoded.type === 'manifest-ref') blobDigests.add(decoded.manifestDigest.slice('sha256:'.length));
      } catch (error) {
        problems.push(`entry ${i}: ${message(error)}`);
      }
    });
  }

  // Every stored tile must equal the recomputed one (or lie wholly beyond the checkpoint).
  let level: Hash[] = entries.map((e) => leafHash(e));
  const root = level.length === 0 ? EMPTY_ROOT : rootOf(level);
  if (!equalBytes(root, checkpoint.root)) problems.push(`${CHECKPOINT_FILE}: root does not match the entries`);
  for (const [rel, p] of tiles) {
    if (p.kind !== 'entries') continue;
    const start = p.index * TILE_WIDTH;
    if (start + p.width > size) {
      notes.push(`${rel}: beyond the checkpoint (left by an interrupted append)`);
      continue;
    }
    const bytes = await read(rel);
    if (!bytes || !Buffer.from(bytes).equals(Buffer.from(encodeBundle(entries.slice(start, start + p.width))))) problems.push(`${rel}: entry bundle content is wrong`);
  }
  for (let tileLevel = 0; level.length > 0; tileLevel++) {
    for (let t = 0; t * TILE_WIDTH < level.length; t++) {
      const width = tileWidthAt(tileLevel, t, size);
      const p: ParsedTilePath = { kind: 'hash', level: tileLevel, index: t, width };
      if (!tiles.has(nameOf(p, width)) && !tiles.has(nameOf(p, TILE_WIDTH))) problems.push(`${nameOf(p, width)}: missing hash tile`);
    }
    for (const [rel, p] of tiles) {
      if (p.kind !== 'hash' || p.level !== tileLevel) continue;
      const start = p.index * TILE_WIDTH;
      if (start + p.width > level.length) {
        notes.push(`${rel}: beyond the checkpoint (left by an interrupted append)`);
        continue;
      }
      const bytes = await read(rel);
      if (!bytes || !Buffer.from(bytes).equals(Buffer.from(encodeTile(level.slice(start, start + p.width))))) problems.push(`${rel}: hash tile content is wrong`);
    }
    const next: Hash[] = [];
    for (let i = 0; i + TILE_WIDTH <= level.length; i += TILE_WIDTH) next.push(fullTileRoot(level.slice(i, i + TILE_WIDTH)));
    level = next;
  }
  for (const [rel, p] of tiles) {
    if (p.kind === 'hash' && p.level > 0 && Math.floor(size / TILE_WIDTH ** p.level) === 0) notes.push(`${rel}: beyond the checkpoint (left by an interrupted append)`);
  }

  for (const rel of files.filter((f) => f.startsWith('blobs/sha256/'))) {
    const name = rel.slice('blobs/sha256/'.length);
    const bytes = await read(rel);
    if (!/^[0-9a-f]{64}$/.test(name) || !bytes || createHash('sha256').update(bytes).digest('hex') !== name) problems.push(`${rel}: blob content does not match its name`);
    blobDigests.delete(name);
  }
  for (const missing of blobDigests) problems.push(`blobs/sha256/${missing}: manifest blob referenced by the log is missing`);
  return done(size);
}
