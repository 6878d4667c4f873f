import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from '../../../src/engines/ledger/merkle.js';
import { b64, conformanceDir, listJson, readJson } from './helpers.js';

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusionFiles = listJson(path.join(conformanceDir, 'merkle', 'inclusion'));
const consistencyFiles = listJson(path.join(conformanceDir, 'merkle', 'consistency'));

function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'crash';
  }
}

describe('transparency-dev/merkle conformance vectors', () => {
  it('finds all 196 vectors', () => {
    expect(inclusionFiles.length + consistencyFiles.length).toBe(196);
  });

  it.each(inclusionFiles.map((f) => [path.relative(conformanceDir, f), f]))('inclusion %s', (_name, file) => {
    const c = readJson(file) as InclusionCase;
    const result = outcome(() => verifyInclusion(b64(c.leafHash), c.leafIdx, c.treeSize, (c.proof ?? []).map(b64), b64(c.root)));
    expect(result, c.desc).toBe(c.wantErr ? 'PROOF_INVALID' : 'ok');
  });

  it.each(consistencyFiles.map((f) => [path.relative(conformanceDir, f), f]))('consistency %s', (_name, file) => {
    const c = readJson(file) as ConsistencyCase;
    const result = outcome(() => verifyConsistency(c.size1, c.size2, (c.proof ?? []).map(b64), b64(c.root1), b64(c.root2)));
    expect(result, c.desc).toBe(c.wantErr ? 'PROOF_INVALID' : 'ok');
  });
});
