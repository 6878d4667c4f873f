/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, proof construction and proof verification.
 *
 * Verification follows the algorithm of RFC 9162 §2.1.3.2 and §2.1.4.2 in the "decomposed"
 * form used by transparency-dev/merkle, so the proof length is checked exactly before any hashing:
 * a proof with one hash too many or too few is rejected rather than partially consumed.
 * Tree sizes and indices are BigInt in the verification API so that a 64-bit size from an
 * untrusted checkpoint can never lose precision.
 */
import { createHash, hash as oneShotHash } from 'node:crypto';
import { LeakproofError } from '../../errors.js';

export const HASH_SIZE = 32;
const MAX_U64 = (1n << 64n) - 1n;

export type Hash = Uint8Array;

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Hash = new Uint8Array(createHash('sha256').digest());

// One-shot hashing over a prefixed copy is measurably cheaper than a Hash object per node,
// and node hashing dominates the cost of appending.
export function leafHash(data: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0;
  input.set(data, 1);
  return plain(oneShotHash('sha256', input, 'buffer'));
}

/** A plain Uint8Array over the digest: Buffer#slice shares memory, and callers expect slice() to copy. */
function plain(b: Buffer): Hash {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE);

export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return new Uint8Array(createHash('sha256').update(new Uint8Array([1])).update(left).update(right).digest());
  }
  NODE_INPUT[0] = 1;
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return plain(oneShotHash('sha256', NODE_INPUT, 'buffer'));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Merkle tree hash of a list of leaf hashes (or of equal-height subtree hashes). */
export function rootOf(hashes: readonly Hash[]): Hash {
  if (hashes.length === 0) return EMPTY_ROOT;
  // Iterative MTH: at every level pair up from the left; an odd node at the right end is carried
  // up unchanged, which yields exactly RFC 6962's largest-power-of-two split.
  let level: Hash[] = hashes.slice();
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** Largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Where proofs get their hashes from. `node(level, index)` is the root of the perfect subtree
 * covering leaves [index * 2^level, (index + 1) * 2^level); callers only ask for nodes that are
 * complete in the tree the proof is for.
 */
export interface NodeSource {
  node(level: number, index: number): Hash;
}

function checkSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new LeakproofError('INDEX_INVALID', `${what} must be a non-negative integer, got ${size}`);
}

/** MTH of leaves [start, end) built from perfect subtrees. */
export function rangeHash(source: NodeSource, start: number, end: number): Hash {
  const n = end - start;
  if (n <= 0) return EMPTY_ROOT;
  if (isPow2(n) && start % n === 0) return source.node(Math.round(Math.log2(n)), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

function isPow2(n: number): boolean {
  return n >= 1 && Number.isSafeInteger(n) && 2 ** Math.round(Math.log2(n)) === n;
}

/** Audit path for leaf `index` in the tree of `size` leaves (RFC 6962 §2.1.1). */
export function inclusionProof(source: NodeSource, index: number, size: number): Hash[] {
  checkSize(size, 'tree size');
  checkSize(index, 'leaf index');
  if (index >= size) throw new LeakproofError('INDEX_INVALID', `leaf index ${index} is outside the tree of size ${size}`);
  const path: Hash[] = [];
  const walk = (start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (index < start + k) {
      walk(start, start + k);
      path.push(rangeHash(source, start + k, end));
    } else {
      walk(start + k, end);
      path.push(rangeHash(source, start, start + k));
    }
  };
  walk(0, size);
  return path;
}

/** Consistency proof between the trees of `size1` and `size2` leaves (RFC 6962 §2.1.2). */
export function consistencyProof(source: NodeSource, size1: number, size2: number): Hash[] {
  checkSize(size1, 'old tree size');
  checkSize(size2, 'new tree size');
  if (size1 > size2) throw new LeakproofError('INDEX_INVALID', `old tree size ${size1} is larger than new tree size ${size2}`);
  if (size1 === 0 || size1 === size2) return [];
  const proof: Hash[] = [];
  const sub = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!complete) proof.push(rangeHash(source, start, end));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, complete);
      proof.push(rangeHash(source, start + k, end));
    } else {
      sub(m - k, start + k, end, false);
      proof.push(rangeHash(source, start, start + k));
    }
  };
  sub(size1, 0, size2, true);
  return proof;
}

function toU64(value: number | bigint, what: string): bigint {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (Number.isSafeInteger(value)) v = BigInt(value);
  else throw new LeakproofError('PROOF_INVALID', `${what} is not an integer: ${value}`);
  if (v < 0n || v > MAX_U64) throw new LeakproofError('PROOF_INVALID', `${what} is out of the 64-bit range: ${v}`);
  return v;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

function onesCount(v: bigint): number {
  let n = 0;
  for (const c of v.toString(2)) if (c === '1') n++;
  return n;
}

function trailingZeros(v: bigint): number {
  if (v === 0n) return 64;
  let n = 0;
  while (((v >> BigInt(n)) & 1n) === 0n) n++;
  return n;
}

function decompose(index: bigint, size: bigint): { inner: number; border: number } {
  const inner = bitLength(index ^ (size - 1n));
  const border = onesCount(index >> BigInt(inner));
  return { inner, border };
}

function requireHashes(proof: readonly Uint8Array[]): void {
  proof.forEach((h, i) => {
    if (h.length !== HASH_SIZE) throw new LeakproofError('PROOF_INVALID', `proof hash ${i} is ${h.length} bytes, expected ${HASH_SIZE}`);
  });
}

function chainInner(seed: Hash, proof: readonly Hash[], index: bigint): Hash {
  let acc = seed;
  proof.forEach((h, i) => {
    acc = ((index >> BigInt(i)) & 1n) === 0n ? nodeHash(acc, h) : nodeHash(h, acc);
  });
  return acc;
}

function chainInnerRight(seed: Hash, proof: readonly Hash[], index: bigint): Hash {
  let acc = seed;
  proof.forEach((h, i) => {
    if (((index >> BigInt(i)) & 1n) === 1n) acc = nodeHash(h, acc);
  });
  return acc;
}

function chainBorderRight(seed: Hash, proof: readonly Hash[]): Hash {
  let acc = seed;
  for (const h of proof) acc = nodeHash(h, acc);
  return acc;
}

/** The root implied by an inclusion proof; throws PROOF_INVALID when the proof is malformed. */
export function rootFromInclusionProof(leaf: Uint8Array, index: number | bigint, size: number | bigint, proof: readonly Uint8Array[]): Hash {
  const idx = toU64(index, 'leaf index');
  const sz = toU64(size, 'tree size');
  if (idx >= sz) throw new LeakproofError('PROOF_INVALID', `leaf index ${idx} is outside the tree of size ${sz}`);
  if (leaf.length !== HASH_SIZE) throw new LeakproofError('PROOF_INVALID', `leaf hash is ${leaf.length} bytes, expected ${HASH_SIZE}`);
  requireHashes(proof);
  const { inner, border } = decompose(idx, sz);
  if (proof.length !== inner + border) {
    throw new LeakproofError('PROOF_INVALID', `inclusion proof has ${proof.length} hashes, expected ${inner + border}`);
  }
  const acc = chainInner(leaf, proof.slice(0, inner), idx);
  return chainBorderRight(acc, proof.slice(inner));
}

/** Throws PROOF_INVALID unless `leaf` is the leaf hash at `index` of the tree of `size` with `root`. */
export function verifyInclusion(leaf: Uint8Array, index: number | bigint, size: number | bigint, proof: readonly Uint8Array[], root: Uint8Array): void {
  const computed = rootFromInclusionProof(leaf, index, size, proof);
  if (!equalBytes(computed, root)) throw new LeakproofError('PROOF_INVALID', 'inclusion proof does not lead to the checkpoint root');
}

/**
 * Throws PROOF_INVALID unless the tree of `size1` with `root1` is a prefix of the tree of `size2`
 * with `root2`. A consistency proof from the empty tree proves nothing, so size1 = 0 is rejected
 * unless both trees are empty (as RFC 9162 and the reference vectors do); callers that accept a
 * first checkpoint after the empty one decide that without a proof.
 */
export function verifyConsistency(size1: number | bigint, size2: number | bigint, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): void {
  const s1 = toU64(size1, 'old tree size');
  const s2 = toU64(size2, 'new tree size');
  if (s2 < s1) throw new LeakproofError('PROOF_INVALID', `tree shrank from ${s1} to ${s2}`);
  if (s1 === s2) {
    if (proof.length !== 0) throw new LeakproofError('PROOF_INVALID', 'trees of equal size need an empty consistency proof');
    if (s1 === 0n && !equalBytes(root1, EMPTY_ROOT)) throw new LeakproofError('PROOF_INVALID', 'the empty tree has a different root');
    if (!equalBytes(root1, root2)) throw new LeakproofError('PROOF_INVALID', 'two checkpoints of the same size have different roots');
    return;
  }
  if (s1 === 0n) throw new LeakproofError('PROOF_INVALID', 'a consistency proof from the empty tree proves nothing');
  if (proof.length === 0) throw new LeakproofError('PROOF_INVALID', 'consistency proof is empty');
  requireHashes(proof);
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) throw new LeakproofError('PROOF_INVALID', 'roots must be 32-byte hashes');

  const decomposed = decompose(s1 - 1n, s2);
  const shift = trailingZeros(s1);
  const inner = decomposed.inner - shift;
  const border = decomposed.border;
  // When size1 is a power of two its root is itself a node of the new tree and is not repeated in the proof.
  const usesRoot1 = s1 === 1n << BigInt(shift);
  const seed = usesRoot1 ? root1 : proof[0]!;
  const start = usesRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border) {
    throw new LeakproofError('PROOF_INVALID', `consistency proof has ${proof.length} hashes, expected ${start + inner + border}`);
  }
  const rest = proof.slice(start);
  const mask = (s1 - 1n) >> BigInt(shift);
  const hash1 = chainBorderRight(chainInnerRight(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!equalBytes(hash1, root1)) throw new LeakproofError('PROOF_INVALID', 'consistency proof does not lead to the old root');
  const hash2 = chainBorderRight(chainInner(seed, rest.slice(0, inner), mask), rest.slice(inner));
  if (!equalBytes(hash2, root2)) throw new LeakproofError('PROOF_INVALID', 'consistency proof does not lead to the new root');
}

/** A NodeSource over leaf hashes held in memory, with every level cached. */
export class MemoryTree implements NodeSource {
  private readonly levels: Hash[][] = [[]];

  constructor(leaves: readonly Hash[] = []) {
    for (const leaf of leaves) this.append(leaf);
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  append(leaf: Hash): void {
    this.levels[0]!.push(leaf);
    let level = 0;
    let index = this.levels[0]!.length - 1;
    // Completing a right child completes its parent: fold upwards while that happens.
    while (index % 2 === 1) {
      const row = this.levels[level]!;
      const parent = nodeHash(row[index - 1]!, row[index]!);
      level++;
      if (this.levels.length <= level) this.levels.push([]);
      this.levels[level]!.push(parent);
      index = (index - 1) / 2;
    }
  }

  node(level: number, index: number): Hash {
    const h = this.levels[level]?.[index];
    if (h === undefined) throw new LeakproofError('INDEX_INVALID', `no complete node at level ${level}, index ${index}`);
    return h;
  }

  root(size = this.size): Hash {
    return rangeHash(this, 0, size);
  }
}
