import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_ROOT,
  MemoryTree,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeHash,
  rootOf,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/engines/ledger/merkle.js';

function treeOf(n: number): MemoryTree {
  const leaves = Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${i}`)));
  return new MemoryTree(leaves);
}

function codeOf(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'crash';
  }
}

function flip(bytes: Uint8Array, byte: number, bit: number): Uint8Array {
  const copy = bytes.slice();
  copy[byte] = (copy[byte] ?? 0) ^ (1 << bit);
  return copy;
}

const big = treeOf(300);

describe('Merkle hashing', () => {
  it('matches RFC 6962 known answers', () => {
    expect(Buffer.from(EMPTY_ROOT).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Leaf hash of the empty string (RFC 6962 test data in certificate-transparency-go).
    expect(Buffer.from(leafHash(new Uint8Array())).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
  });

  it('the root of n leaves equals the recursive RFC 6962 definition', () => {
    const mth = (hs: Uint8Array[]): Uint8Array => {
      if (hs.length === 0) return EMPTY_ROOT;
      if (hs.length === 1) return hs[0]!;
      let k = 1;
      while (k * 2 < hs.length) k *= 2;
      return nodeHash(mth(hs.slice(0, k)), mth(hs.slice(k)));
    };
    const leaves = Array.from({ length: 70 }, (_, i) => leafHash(new Uint8Array([i])));
    for (let n = 0; n <= leaves.length; n++) {
      expect(Buffer.from(rootOf(leaves.slice(0, n)))).toEqual(Buffer.from(mth(leaves.slice(0, n))));
      expect(Buffer.from(new MemoryTree(leaves.slice(0, n)).root())).toEqual(Buffer.from(mth(leaves.slice(0, n))));
    }
  });
});

describe('proof properties', () => {
  const sizeAndIndex = fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 })));
  const twoSizes = fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 })).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a]));

  it('inclusion proofs round-trip for random sizes and indices', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = inclusionProof(big, index, size);
        expect(codeOf(() => verifyInclusion(big.node(0, index), index, size, proof, big.root(size)))).toBe('ok');
        expect(codeOf(() => verifyInclusion(big.node(0, index), BigInt(index), BigInt(size), proof, big.root(size)))).toBe('ok');
      }),
    );
  });

  it('consistency proofs round-trip, including equal sizes', () => {
    fc.assert(
      fc.property(twoSizes, ([size1, size2]) => {
        const proof = consistencyProof(big, size1, size2);
        expect(codeOf(() => verifyConsistency(size1, size2, proof, big.root(size1), big.root(size2)))).toBe('ok');
      }),
    );
  });

  it('any flipped bit in the leaf, the root or any proof hash fails inclusion', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 7 }), ([size, index], which, byte, bit) => {
        const proof = inclusionProof(big, index, size);
        const leaf = big.node(0, index);
        const root = big.root(size);
        const target = which % (proof.length + 2);
        if (target === 0) expect(codeOf(() => verifyInclusion(flip(leaf, byte, bit), index, size, proof, root))).toBe('PROOF_INVALID');
        else if (target === 1) expect(codeOf(() => verifyInclusion(leaf, index, size, proof, flip(root, byte, bit)))).toBe('PROOF_INVALID');
        else {
          const bad = proof.slice();
          bad[target - 2] = flip(bad[target - 2]!, byte, bit);
          expect(codeOf(() => verifyInclusion(leaf, index, size, bad, root))).toBe('PROOF_INVALID');
        }
      }),
    );
  });

  it('any flipped bit in either root or any proof hash fails consistency', () => {
    fc.assert(
      fc.property(twoSizes, fc.nat(), fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0, max: 7 }), ([size1, size2], which, byte, bit) => {
        const proof = consistencyProof(big, size1, size2);
        const r1 = big.root(size1);
        const r2 = big.root(size2);
        const target = which % (proof.length + 2);
        if (target === 0) expect(codeOf(() => verifyConsistency(size1, size2, proof, flip(r1, byte, bit), r2))).toBe('PROOF_INVALID');
        else if (target === 1) expect(codeOf(() => verifyConsistency(size1, size2, proof, r1, flip(r2, byte, bit)))).toBe('PROOF_INVALID');
        else {
          const bad = proof.slice();
          bad[target - 2] = flip(bad[target - 2]!, byte, bit);
          expect(codeOf(() => verifyConsistency(size1, size2, bad, r1, r2))).toBe('PROOF_INVALID');
        }
      }),
    );
  });

  it('proofs with a hash added, removed or of the wrong length are rejected', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index]) => {
        const proof = inclusionProof(big, index, size);
        const leaf = big.node(0, index);
        const root = big.root(size);
        expect(codeOf(() => verifyInclusion(leaf, index, size, [...proof, leaf], root))).toBe('PROOF_INVALID');
        if (proof.length > 0) {
          expect(codeOf(() => verifyInclusion(leaf, index, size, proof.slice(1), root))).toBe('PROOF_INVALID');
          expect(codeOf(() => verifyInclusion(leaf, index, size, [proof[0]!.slice(1), ...proof.slice(1)], root))).toBe('PROOF_INVALID');
        }
        // The same proof does not prove a different position or tree size.
        if (size > 1) expect(codeOf(() => verifyInclusion(leaf, (index + 1) % size, size, proof, root))).toBe('PROOF_INVALID');
      }),
    );
  });

  it('handles sizes 0, equal and shrinking explicitly', () => {
    const r5 = big.root(5);
    expect(codeOf(() => verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT))).toBe('ok');
    expect(codeOf(() => verifyConsistency(0, 5, [], EMPTY_ROOT, r5))).toBe('PROOF_INVALID');
    expect(codeOf(() => verifyConsistency(5, 5, [], r5, r5))).toBe('ok');
    expect(codeOf(() => verifyConsistency(5, 5, [r5], r5, r5))).toBe('PROOF_INVALID');
    expect(codeOf(() => verifyConsistency(5, 5, [], r5, big.root(6)))).toBe('PROOF_INVALID');
    expect(codeOf(() => verifyConsistency(6, 5, consistencyProof(big, 5, 6), big.root(6), r5))).toBe('PROOF_INVALID');
    expect(codeOf(() => consistencyProof(big, 6, 5))).toBe('INDEX_INVALID');
    expect(codeOf(() => verifyInclusion(big.node(0, 0), 0, 0, [], EMPTY_ROOT))).toBe('PROOF_INVALID');
    expect(codeOf(() => inclusionProof(big, 5, 5))).toBe('INDEX_INVALID');
    expect(codeOf(() => verifyInclusion(big.node(0, 0), -1, 5, [], r5))).toBe('PROOF_INVALID');
    expect(codeOf(() => verifyInclusion(big.node(0, 0), 0, 2n ** 64n, [], r5))).toBe('PROOF_INVALID');
    expect(codeOf(() => verifyInclusion(big.node(0, 0), 0.5, 5, [], r5))).toBe('PROOF_INVALID');
    // Indices beyond 2^53 are handled exactly (BigInt), not rounded.
    const hugeSize = 2n ** 63n;
    const proofLen = 63;
    const fake = Array.from({ length: proofLen }, () => new Uint8Array(32));
    expect(codeOf(() => verifyInclusion(big.node(0, 0), hugeSize - 1n, hugeSize, fake, r5))).toBe('PROOF_INVALID');
  });
});
