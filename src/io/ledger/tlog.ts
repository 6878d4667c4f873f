/**
 * A transparency log stored as a C2SP tlog-tiles directory:
 *
 *   <dir>/checkpoint                       signed note (tlog-checkpoint)
 *   <dir>/tile/<L>/<N>[.p/<W>]             hash tiles
 *   <dir>/tile/entries/<N>[.p/<W>]         entry bundles
 *   <dir>/blobs/sha256/<hex>               large manifests referenced by manifest-ref entries
 *   <dir>/.lock, <dir>/.tmp/               writer lock and staging area (not part of the served log)
 *
 * The checkpoint is the commit point: tiles are written (and synced) first, the checkpoint last, and
 * an append is acknowledged only after its checkpoint is durable. A crash before that leaves at most
 * tiles beyond the checkpoint, which no checkpoint covers and the next writer overwrites.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from '../../engines/ledger/checkpoint.js';
import {
  EMPTY_ROOT,
  consistencyProof,
  equalBytes,
  inclusionProof,
  leafHash,
  rootOf,
  type Hash,
  type NodeSource,
} from '../../engines/ledger/merkle.js';
import { openNote, signNote, type Ed25519NoteKey, type NoteVerifier } from '../../engines/ledger/note.js';
import {
  MAX_ENTRY_SIZE,
  TILE_HEIGHT,
  TILE_WIDTH,
  decodeBundle,
  decodeTile,
  encodeBundle,
  encodeTile,
  entryBundlePath,
  fullTileRoot,
  hashTilePath,
  rootFromEdge,
  tileWidthAt,
} from '../../engines/ledger/tiles.js';
import { clearStaging, writeDurably, type PendingFile } from './durable.js';
import { acquireLock, type WriterLock } from './lock.js';

export const CHECKPOINT_FILE = 'checkpoint';

function readOptional(file: string): Uint8Array | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LeakproofError('INPUT_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`, { where: file });
  }
}

/** Reads tiles of a log directory; prefers the exact partial tile and falls back to a full one. */
export class TileFiles {
  private readonly hashTiles = new Map<string, Hash[]>();

  constructor(readonly dir: string) {}

  private read(rel: string, fullRel: string, width: number): { bytes: Uint8Array; rel: string; full: boolean } {
    const exact = readOptional(path.join(this.dir, rel));
    if (exact) return { bytes: exact, rel, full: width === TILE_WIDTH };
    if (width < TILE_WIDTH) {
      const full = readOptional(path.join(this.dir, fullRel));
      if (full) return { bytes: full, rel: fullRel, full: true };
    }
    throw new LeakproofError('LEDGER_CORRUPT', `missing tile ${rel}`, { where: path.join(this.dir, rel) });
  }

  hashTile(level: number, index: number, width: number): Hash[] {
    const key = `${level}/${index}/${width}`;
    const cached = this.hashTiles.get(key);
    if (cached) return cached;
    const got = this.read(hashTilePath(level, index, width), hashTilePath(level, index, TILE_WIDTH), width);
    const hashes = decodeTile(got.bytes, got.full ? TILE_WIDTH : width, path.join(this.dir, got.rel)).slice(0, width);
    this.hashTiles.set(key, hashes);
    return hashes;
  }

  bundle(index: number, width: number): Uint8Array[] {
    const got = this.read(entryBundlePath(index, width), entryBundlePath(index, TILE_WIDTH), width);
    return decodeBundle(got.bytes, got.full ? TILE_WIDTH : width, path.join(this.dir, got.rel)).slice(0, width);
  }

  /** A NodeSource for the tree of `size` leaves, backed by hash tiles. */
  nodes(size: number): NodeSource {
    return {
      node: (level, index) => {
        const tileLevel = Math.floor(level / TILE_HEIGHT);
        const span = 2 ** (level % TILE_HEIGHT);
        const first = index * span;
        const tileIndex = Math.floor(first / TILE_WIDTH);
        const width = tileWidthAt(tileLevel, tileIndex, size);
        const offset = first - tileIndex * TILE_WIDTH;
        if (offset + span > width) throw new LeakproofError('INDEX_INVALID', `node ${level}/${index} is not complete in a tree of size ${size}`);
        const hashes = this.hashTile(tileLevel, tileIndex, width).slice(offset, offset + span);
        return span === 1 ? hashes[0]! : fullTileRootOf(hashes);
      },
    };
  }

  entry(index: number, size: number): Uint8Array {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new LeakproofError('INDEX_INVALID', `entry ${index} is not in the log of size ${size}`);
    const tile = Math.floor(index / TILE_WIDTH);
    return this.bundle(tile, tileWidthAt(0, tile, size))[index - tile * TILE_WIDTH]!;
  }
}

function fullTileRootOf(hashes: Hash[]): Hash {
  return hashes.length === TILE_WIDTH ? fullTileRoot(hashes) : rootOf(hashes);
}

export interface OpenedCheckpoint {
  readonly note: string;
  readonly checkpoint: Checkpoint;
}

export async function readCheckpointNote(dir: string): Promise<string> {
  try {
    return await readFile(path.join(dir, CHECKPOINT_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LeakproofError('INPUT_NOT_FOUND', 'no ledger here (no checkpoint file)', { where: dir });
    throw new LeakproofError('INPUT_UNREADABLE', `cannot read the checkpoint: ${(error as Error).message}`, { where: dir });
  }
}

export function openCheckpoint(note: string, verifiers: readonly NoteVerifier[]): OpenedCheckpoint {
  const opened = openNote(note, verifiers);
  return { note, checkpoint: parseCheckpoint(opened.text) };
}

/** Read side: everything is verified against a checkpoint signed by a key the caller trusts. */
export class LogReader {
  readonly tiles: TileFiles;

  private constructor(
    readonly dir: string,
    readonly opened: OpenedCheckpoint,
  ) {
    this.tiles = new TileFiles(dir);
  }

  static async open(dir: string, verifiers: readonly NoteVerifier[]): Promise<LogReader> {
    return new LogReader(dir, openCheckpoint(await readCheckpointNote(dir), verifiers));
  }

  get size(): number {
    return this.opened.checkpoint.size;
  }

  entry(index: number): Uint8Array {
    return this.tiles.entry(index, this.size);
  }

  inclusionProof(index: number, size = this.size): Hash[] {
    return inclusionProof(this.tiles.nodes(this.size), index, size);
  }

  consistencyProof(size1: number, size2 = this.size): Hash[] {
    return consistencyProof(this.tiles.nodes(this.size), size1, size2);
  }

  async blob(digestHex: string): Promise<Uint8Array> {
    if (!/^[0-9a-f]{64}$/.test(digestHex)) throw new LeakproofError('INDEX_INVALID', 'bad blob digest');
    const file = path.join(this.dir, 'blobs', 'sha256', digestHex);
    try {
      return new Uint8Array(await readFile(file));
    } catch {
      throw new LeakproofError('LEDGER_CORRUPT', `missing manifest blob ${digestHex}`, { where: file });
    }
  }
}

export interface AppendResult {
  readonly index: number;
  /** Tree size of the checkpoint that covers the entry. */
  readonly size: number;
  readonly checkpoint: string;
}

interface Pending {
  readonly entry: Uint8Array;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface WriterOptions {
  readonly key: Ed25519NoteKey;
  /** Checkpoint origin for a new log; defaults to the key name. An existing log keeps its origin. */
  readonly origin?: string;
  /** Most entries signed under one checkpoint. */
  readonly maxBatch?: number;
}

/**
 * The single writer. `append` queues an entry; queued entries are written as one batch with one new
 * checkpoint, and every promise of the batch resolves only after that checkpoint is durable.
 */
export class LogWriter {
  private queue: Pending[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly key: Ed25519NoteKey,
    private readonly lock: WriterLock,
    readonly origin: string,
    private size_: number,
    private edge: Hash[][],
    private bundle: Uint8Array[],
    private note: string,
    private readonly maxBatch: number,
  ) {}

  static async open(dir: string, options: WriterOptions): Promise<LogWriter> {
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw new LeakproofError('OUTPUT_FAILED', `cannot create the ledger directory: ${(error as Error).message}`, { where: dir });
    });
    const lock = await acquireLock(dir);
    try {
      await clearStaging(dir);
      const exists = await stat(path.join(dir, CHECKPOINT_FILE)).then(
        () => true,
        () => false,
      );
      const maxBatch = options.maxBatch ?? 4096;
      if (!exists) {
        const hasTiles = await stat(path.join(dir, 'tile')).then(
          () => true,
          () => false,
        );
        if (hasTiles) throw new LeakproofError('LEDGER_CORRUPT', 'the ledger has tiles but no checkpoint', { where: dir });
        const origin = options.origin ?? options.key.signer.name;
        const note = signNote(formatCheckpoint({ origin, size: 0, root: EMPTY_ROOT, extensions: [] }), [options.key.signer]);
        await writeDurably(dir, [{ rel: CHECKPOINT_FILE, data: new TextEncoder().encode(note) }]);
        return new LogWriter(dir, options.key, lock, origin, 0, [], [], note, maxBatch);
      }
      const { note, checkpoint } = openCheckpoint(await readCheckpointNote(dir), [options.key.verifier]);
      if (options.origin !== undefined && options.origin !== checkpoint.origin) {
        throw new LeakproofError('LEDGER_CORRUPT', `the ledger's origin is '${checkpoint.origin}', not '${options.origin}'`, { where: dir });
      }
      const { edge, bundle } = loadEdge(new TileFiles(dir), checkpoint);
      return new LogWriter(dir, options.key, lock, checkpoint.origin, checkpoint.size, edge, bundle, note, maxBatch);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  get size(): number {
    return this.size_;
  }

  get checkpointNote(): string {
    return this.note;
  }

  append(entry: Uint8Array): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new LeakproofError('OUTPUT_FAILED', 'the ledger writer is closed'));
    if (entry.length > MAX_ENTRY_SIZE) {
      return Promise.reject(new LeakproofError('INPUT_TOO_LARGE', `log entry of ${entry.length} bytes exceeds the ${MAX_ENTRY_SIZE}-byte limit`));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.draining ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch);
      this.queue = this.queue.slice(batch.length);
      try {
        const results = await this.commit(batch.map((p) => p.entry));
        batch.forEach((p, i) => p.resolve(results[i]!));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    this.draining = undefined;
  }

  /** Waits until everything appended so far is acknowledged (or failed). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.lock.release();
  }

  private async commit(entries: readonly Uint8Array[]): Promise<AppendResult[]> {
    // Work on copies: if writing fails the in-memory state still matches the last durable checkpoint.
    const edge = this.edge.map((row) => row.slice());
    let bundle = this.bundle.slice();
    let size = this.size_;
    const files: PendingFile[] = [];
    const touched = new Set<number>();

    const pushHash = (level: number, hash: Hash): void => {
      while (edge.length <= level) edge.push([]);
      const row = edge[level]!;
      row.push(hash);
      touched.add(level);
      if (row.length === TILE_WIDTH) {
        const count = Math.floor(size / TILE_WIDTH ** level);
        files.push({ rel: hashTilePath(level, count / TILE_WIDTH - 1, TILE_WIDTH), data: encodeTile(row) });
        const root = fullTileRoot(row);
        edge[level] = [];
        pushHash(level + 1, root);
      }
    };

    for (const entry of entries) {
      size++;
      bundle.push(entry);
      if (bundle.length === TILE_WIDTH) {
        files.push({ rel: entryBundlePath(size / TILE_WIDTH - 1, TILE_WIDTH), data: encodeBundle(bundle) });
        bundle = [];
      }
      pushHash(0, leafHash(entry));
    }
    for (const level of touched) {
      const row = edge[level]!;
      if (row.length === 0) continue;
      const count = Math.floor(size / TILE_WIDTH ** level);
      files.push({ rel: hashTilePath(level, Math.floor(count / TILE_WIDTH), row.length), data: encodeTile(row) });
    }
    if (bundle.length > 0) files.push({ rel: entryBundlePath(Math.floor(size / TILE_WIDTH), bundle.length), data: encodeBundle(bundle) });

    const root = rootFromEdge(edge) ?? EMPTY_ROOT;
    const note = signNote(formatCheckpoint({ origin: this.origin, size, root, extensions: [] }), [this.key.signer]);
    await writeDurably(this.dir, files);
    await writeDurably(this.dir, [{ rel: CHECKPOINT_FILE, data: new TextEncoder().encode(note) }]);

    const first = this.size_;
    this.edge = edge;
    this.bundle = bundle;
    this.size_ = size;
    this.note = note;
    return entries.map((_, i) => ({ index: first + i, size, checkpoint: note }));
  }

  /** Stores a blob by content address (write-once), returning its hex SHA-256. */
  async putBlob(data: Uint8Array, digestHex: string): Promise<void> {
    const rel = `blobs/sha256/${digestHex}`;
    const exists = await stat(path.join(this.dir, rel)).then(
      () => true,
      () => false,
    );
    if (!exists) await writeDurably(this.dir, [{ rel, data }]);
  }
}

/** Reads the right edge of the tree (the last partial tile of every level) and checks it against the checkpoint. */
function loadEdge(tiles: TileFiles, checkpoint: Checkpoint): { edge: Hash[][]; bundle: Uint8Array[] } {
  const edge: Hash[][] = [];
  for (let level = 0; ; level++) {
    const count = Math.floor(checkpoint.size / TILE_WIDTH ** level);
    if (count === 0) break;
    const width = count % TILE_WIDTH;
    edge.push(width === 0 ? [] : tiles.hashTile(level, Math.floor(count / TILE_WIDTH), width).slice());
  }
  const width = checkpoint.size % TILE_WIDTH;
  const bundle = width === 0 ? [] : tiles.bundle(Math.floor(checkpoint.size / TILE_WIDTH), width).map((e) => e.slice());
  bundle.forEach((entry, i) => {
    if (!equalBytes(leafHash(entry), edge[0]![i]!)) throw new LeakproofError('LEDGER_CORRUPT', 'the last entry bundle does not match its hash tile', { where: tiles.dir });
  });
  const root = rootFromEdge(edge) ?? EMPTY_ROOT;
  if (!equalBytes(root, checkpoint.root)) throw new LeakproofError('LEDGER_CORRUPT', 'the tiles do not add up to the checkpoint root', { where: tiles.dir });
  return { edge, bundle };
}
