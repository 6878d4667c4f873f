/**
 * Client-side checkpoint memory. A client remembers the newest checkpoint it accepted for each log
 * origin and accepts a newer one only with a consistency proof from the remembered one. Two
 * checkpoints of one log that cannot both be true (same size, different roots; or a failed
 * consistency proof) are a fork: both signed notes are kept as evidence and LEDGER_FORK is thrown.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LeakproofError } from '../../errors.js';
import type { Checkpoint } from '../../engines/ledger/checkpoint.js';
import { EMPTY_ROOT, equalBytes, verifyConsistency, type Hash } from '../../engines/ledger/merkle.js';
import type { NoteVerifier } from '../../engines/ledger/note.js';
import { writeDurably } from './durable.js';
import { openCheckpoint } from './tlog.js';

export type ProveConsistency = (size1: number, size2: number) => Hash[] | Promise<Hash[]>;

export interface Acceptance {
  readonly status: 'first' | 'same' | 'newer' | 'older';
  readonly checkpoint: Checkpoint;
  readonly previous: Checkpoint | undefined;
}

function originKey(origin: string): string {
  return createHash('sha256').update(origin).digest('hex').slice(0, 32);
}

export class CheckpointMemory {
  /** `now` names evidence files; passed in so tests are deterministic. */
  constructor(
    readonly stateDir: string,
    private readonly verifiers: readonly NoteVerifier[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  private rel(origin: string): string {
    return `checkpoints/${originKey(origin)}`;
  }

  async remembered(origin: string): Promise<{ note: string; checkpoint: Checkpoint } | undefined> {
    let note: string;
    try {
      note = await readFile(`${this.stateDir}/${this.rel(origin)}`, 'utf8');
    } catch {
      return undefined;
    }
    // The memory is only as good as its signature: a tampered state file is an error, not a reset.
    return openCheckpoint(note, this.verifiers);
  }

  async accept(note: string, prove: ProveConsistency): Promise<Acceptance> {
    const { checkpoint } = openCheckpoint(note, this.verifiers);
    const known = await this.remembered(checkpoint.origin);
    const store = (): Promise<void> => writeDurably(this.stateDir, [{ rel: this.rel(checkpoint.origin), data: new TextEncoder().encode(note) }]);
    if (!known) {
      await store();
      return { status: 'first', checkpoint, previous: undefined };
    }
    const old = known.checkpoint;
    if (old.size === checkpoint.size) {
      if (!equalBytes(old.root, checkpoint.root)) await this.fork(known.note, note, 'two checkpoints of the same size have different roots');
      return { status: 'same', checkpoint, previous: old };
    }
    const [small, large] = old.size < checkpoint.size ? [old, checkpoint] : [checkpoint, old];
    if (small.size === 0) {
      if (!equalBytes(small.root, EMPTY_ROOT)) await this.fork(known.note, note, 'an empty checkpoint with a non-empty root');
    } else {
      let proof: Hash[];
      try {
        proof = await prove(small.size, large.size);
        verifyConsistency(small.size, large.size, proof, small.root, large.root);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        await this.fork(known.note, note, `no valid consistency proof between sizes ${small.size} and ${large.size}: ${why}`);
      }
    }
    if (checkpoint.size > old.size) {
      await store();
      return { status: 'newer', checkpoint, previous: old };
    }
    return { status: 'older', checkpoint, previous: old };
  }

  private async fork(oldNote: string, newNote: string, why: string): Promise<never> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    const rel = `forks/${stamp}-${originKey(newNote.split('\n')[0] ?? '').slice(0, 8)}.txt`;
    const evidence = `# leakproof fork evidence: ${why}\n# remembered checkpoint:\n${oldNote}# presented checkpoint:\n${newNote}`;
    await writeDurably(this.stateDir, [{ rel, data: new TextEncoder().encode(evidence) }]);
    throw new LeakproofError('LEDGER_FORK', `LOG FORK DETECTED: ${why}; evidence kept in ${this.stateDir}/${rel}`, { where: this.stateDir });
  }
}
