/**
 * Hashes what is being sealed: a directory, a tarball (.tar, .tar.gz) or a container image tarball
 * (`docker save` / OCI layout), into a Manifest. Archives are read as streams in memory with
 * tar-stream and zlib; nothing is ever extracted to disk.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { LeakproofError } from '../../errors.js';
import { encodeFileList, sortFiles, type FileRecord, type Manifest } from '../../engines/ledger/entries.js';

const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
/** Image layers are buffered to read the tar inside them; bigger layers are refused, not half-read. */
const MAX_LAYER_BYTES = 2 * 1024 ** 3;
const CONCURRENCY = 4;
const SMALL_FILE = 8 * 1024 * 1024;

export interface HashOptions {
  /** Absolute paths to leave out of a directory (the ledger itself, when it lives inside). */
  readonly exclude?: readonly string[];
}

function unreadable(error: unknown, where: string): LeakproofError {
  if (error instanceof LeakproofError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new LeakproofError('INPUT_NOT_FOUND', 'no such file or directory', { where });
  return new LeakproofError('INPUT_UNREADABLE', (error as Error).message, { where });
}

export async function hashArtifact(target: string, options: HashOptions = {}): Promise<Manifest> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    throw unreadable(error, target);
  }
  const name = path.basename(path.resolve(target));
  if (info.isDirectory()) {
    const files = sortFiles(await hashDirectory(target, options));
    return { kind: 'directory', name, artifactDigest: `sha256:${createHash('sha256').update(encodeFileList(files)).digest('hex')}`, files };
  }
  if (info.isFile()) return hashTarball(target, name);
  throw new LeakproofError('INPUT_UNREADABLE', 'can only seal a directory or a tarball', { where: target });
}

async function hashFile(file: string, size: number): Promise<Uint8Array> {
  const hash = createHash('sha256');
  if (size <= SMALL_FILE) {
    const handle = await open(file, 'r');
    try {
      hash.update(await handle.readFile());
    } finally {
      await handle.close();
    }
  } else {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  }
  return new Uint8Array(hash.digest());
}

async function hashDirectory(root: string, options: HashOptions): Promise<FileRecord[]> {
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const jobs: { abs: string; rel: string }[] = [];
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw unreadable(error, dir);
    }
    for (const d of entries) {
      const abs = path.join(dir, d.name);
      if (exclude.has(abs)) continue;
      const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isDirectory()) await walk(abs, childRel);
      else jobs.push({ abs, rel: childRel });
    }
  };
  await walk(path.resolve(root), '');
  const records: FileRecord[] = new Array<FileRecord>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      try {
        const st = await lstat(job.abs);
        if (st.isSymbolicLink()) {
          // A symlink is recorded by its target text, never followed: no loops, no escaping the tree.
          const target = await readlink(job.abs);
          records[i] = { path: job.rel, sha256: new Uint8Array(createHash('sha256').update(target).digest()), size: Buffer.byteLength(target), mode: S_IFLNK | (st.mode & 0o7777) };
        } else if (st.isFile()) {
          records[i] = { path: job.rel, sha256: await hashFile(job.abs, st.size), size: st.size, mode: S_IFREG | (st.mode & 0o7777) };
        } else {
          throw new LeakproofError('INPUT_UNREADABLE', 'special files (devices, sockets, fifos) cannot be sealed', { where: job.abs });
        }
      } catch (error) {
        throw unreadable(error, job.abs);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return records;
}

function normaliseTarPath(name: string): string {
  let p = name.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  return p;
}

function isLayerName(p: string): boolean {
  return /(^|\/)layer\.tar$/.test(p) || /^blobs\/sha256\/[0-9a-f]{64}$/.test(p) || /^[0-9a-f]{64}\.tar$/.test(p);
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function isTar(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && Buffer.from(bytes.subarray(257, 262)).toString('latin1') === 'ustar';
}

/** Reads every member of a tar stream; `onLayer` gets the bytes of members that may be image layers. */
async function readTar(source: Readable, where: string, prefix: string, nested: boolean): Promise<{ files: Map<string, FileRecord>; names: Set<string> }> {
  const files = new Map<string, FileRecord>();
  const names = new Set<string>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, callback) => {
      const next = (error?: unknown): void => callback(error === undefined ? null : error instanceof Error ? error : new Error('tar entry failed'));
      const rel = normaliseTarPath(header.name);
      const type = header.type ?? 'file';
      const perm = (header.mode ?? 0o644) & 0o7777;
      names.add(rel);
      if (type === 'symlink' || type === 'link') {
        const target = header.linkname ?? '';
        // Hard links are recorded by target name too: their content is another member's.
        if (rel !== '') files.set(`${prefix}${rel}`, { path: `${prefix}${rel}`, sha256: new Uint8Array(createHash('sha256').update(target).digest()), size: Buffer.byteLength(target), mode: S_IFLNK | perm });
        stream.resume();
        stream.on('end', () => next());
        return;
      }
      if (type !== 'file' && type !== 'contiguous-file') {
        stream.resume();
        stream.on('end', () => next());
        return;
      }
      const hash = createHash('sha256');
      const keep = nested && isLayerName(rel);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        hash.update(chunk);
        size += chunk.length;
        if (keep) {
          if (size > MAX_LAYER_BYTES) {
            stream.destroy(new LeakproofError('ARCHIVE_LIMIT', `image layer is larger than ${MAX_LAYER_BYTES} bytes`, { where: `${where}!${rel}` }));
            return;
          }
          chunks.push(chunk);
        }
      });
      stream.on('error', (error: unknown) => next(error));
      stream.on('end', () => {
        files.set(`${prefix}${rel}`, { path: `${prefix}${rel}`, sha256: new Uint8Array(hash.digest()), size, mode: S_IFREG | perm });
        if (!keep) {
          next();
          return;
        }
        const bytes = Buffer.concat(chunks);
        if (!isGzip(bytes) && !isTar(bytes)) {
          next();
          return;
        }
        const inner = isGzip(bytes) ? Readable.from([bytes]).pipe(createGunzip()) : Readable.from([bytes]);
        readTar(inner, `${where}!${rel}`, `${prefix}${rel}!`, false).then(
          (layer) => {
            for (const [k, v] of layer.files) files.set(k, v);
            next();
          },
          (error: unknown) => next(error),
        );
      });
    });
    extract.on('finish', () => resolve());
    extract.on('error', (error: unknown) => reject(error instanceof LeakproofError ? error : new LeakproofError('ARCHIVE_CORRUPT', `not a readable tar archive: ${(error as Error).message}`, { where })));
    source.on('error', (error: unknown) => reject(error instanceof LeakproofError ? error : new LeakproofError('ARCHIVE_CORRUPT', `cannot read the archive: ${(error as Error).message}`, { where })));
  });
  source.pipe(extract);
  await done;
  return { files, names };
}

async function hashTarball(file: string, name: string): Promise<Manifest> {
  const head = Buffer.alloc(2);
  try {
    const handle = await open(file, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(error, file);
  }
  const whole = createHash('sha256');
  const raw = createReadStream(file, { highWaterMark: 1024 * 1024 });
  raw.on('data', (chunk) => whole.update(chunk as Buffer));
  const source = isGzip(head) ? raw.pipe(createGunzip()) : raw;
  if (source !== raw) raw.on('error', (error) => source.destroy(error));
  const { files, names } = await readTar(source, file, '', true);
  const image = names.has('manifest.json') || names.has('oci-layout');
  return { kind: image ? 'image' : 'tarball', name, artifactDigest: `sha256:${whole.digest('hex')}`, files: sortFiles([...files.values()]) };
}

export interface ManifestDiff {
  readonly modified: string[];
  readonly added: string[];
  readonly removed: string[];
}

export function diffManifests(sealed: Manifest, current: Manifest): ManifestDiff {
  const before = new Map(sealed.files.map((f) => [f.path, f]));
  const after = new Map(current.files.map((f) => [f.path, f]));
  const modified: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [p, f] of after) {
    const old = before.get(p);
    if (!old) added.push(p);
    else if (old.size !== f.size || old.mode !== f.mode || !Buffer.from(old.sha256).equals(Buffer.from(f.sha256))) modified.push(p);
  }
  for (const p of before.keys()) if (!after.has(p)) removed.push(p);
  return { modified, added, removed };
}
