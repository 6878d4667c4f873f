import { isAscii } from 'node:buffer';

/**
 * Keyword prefilter: one Aho-Corasick automaton over every rule keyword, run on raw bytes
 * before any decoding, so a file without a single keyword costs about one pass over its bytes.
 *
 * Matching is ASCII case-insensitive. The automaton is a dense DFA over a reduced alphabet:
 * bytes that occur in no keyword share class 0, which keeps the table small enough for cache.
 */

export interface KeywordHits {
  /** hit[k] is 1 when keyword k occurs at least once. */
  readonly hit: Uint8Array;
  /** How many distinct keywords occurred. */
  readonly distinct: number;
  /** End offsets (exclusive) of occurrences of tracked keywords, in text order, as [keywordIndex, end] pairs. */
  readonly positions: Int32Array;
  readonly positionCount: number;
  /** True when every unit scanned was below 0x80, so byte offsets equal string offsets. */
  readonly ascii: boolean;
  /**
   * Start offsets of runs of base64/hex characters at least RUN_MIN long (candidates for decoding),
   * found in the same pass so that the decoder does not need one of its own.
   */
  readonly runStarts: readonly number[];
  /** True when a `%` occurred (a candidate for percent-decoding). */
  readonly percent: boolean;
}

/** Shortest run of base64 characters worth decoding. */
export const RUN_MIN = 24;
/** 1 for characters of standard and URL-safe base64 (a superset of hex). */
export const RUN_CHAR = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_') RUN_CHAR[c.charCodeAt(0)] = 1;
const MAX_RUNS = 4096;

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  /** Transition table with targets pre-multiplied by the class count: next[state*C + cls] = nextState*C. */
  private readonly next: Int32Array;
  /** hasOutput[state*C] is 1 when that state completes a keyword. */
  private readonly hasOutput: Uint8Array;
  /** For each state, the keyword indices it completes (including through failure links), or undefined. */
  private readonly outputs: (Int32Array | undefined)[];
  private readonly tracked: Uint8Array;
  private readonly maxPositions: number;

  /**
   * @param keywords lowercase ASCII keywords
   * @param tracked indices of keywords whose positions the caller needs (the generic rule); others only set `hit`
   */
  constructor(keywords: readonly string[], tracked: ReadonlySet<number> = new Set(), maxPositions = 1 << 16) {
    this.keywords = keywords;
    this.maxPositions = maxPositions;
    this.tracked = new Uint8Array(keywords.length);
    for (const t of tracked) this.tracked[t] = 1;

    // Alphabet reduction with ASCII case folding.
    this.classOf = new Uint8Array(256);
    let next = 1;
    for (const kw of keywords) {
      for (let i = 0; i < kw.length; i++) {
        const c = kw.charCodeAt(i);
        if (c > 0x7f) throw new Error(`keyword must be ASCII: ${kw}`);
        if (this.classOf[c] === 0) {
          this.classOf[c] = next;
          if (c >= 0x61 && c <= 0x7a) this.classOf[c - 0x20] = next;
          next++;
        }
      }
    }
    this.classes = next;

    // Trie.
    const children: Map<number, number>[] = [new Map<number, number>()];
    const terminal: number[][] = [[]];
    keywords.forEach((kw, index) => {
      let state = 0;
      for (let i = 0; i < kw.length; i++) {
        const cls = this.classOf[kw.charCodeAt(i)] ?? 0;
        let child = children[state]?.get(cls);
        if (child === undefined) {
          child = children.length;
          children.push(new Map<number, number>());
          terminal.push([]);
          children[state]?.set(cls, child);
        }
        state = child;
      }
      terminal[state]?.push(index);
    });

    // Failure links by BFS, folded into a full transition table.
    const states = children.length;
    const C = this.classes;
    const delta = new Int32Array(states * C);
    const fail = new Int32Array(states);
    const out: number[][] = terminal.map((t) => [...t]);
    const queue: number[] = [];
    for (let cls = 0; cls < C; cls++) {
      const child = children[0]?.get(cls);
      if (child !== undefined) {
        delta[cls] = child;
        fail[child] = 0;
        queue.push(child);
      }
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] ?? 0;
      const f = fail[state] ?? 0;
      out[state]?.push(...(out[f] ?? []));
      for (let cls = 0; cls < C; cls++) {
        const child = children[state]?.get(cls);
        if (child !== undefined) {
          fail[child] = delta[f * C + cls] ?? 0;
          delta[state * C + cls] = child;
          queue.push(child);
        } else {
          delta[state * C + cls] = delta[f * C + cls] ?? 0;
        }
      }
    }
    this.outputs = out.map((o) => (o.length > 0 ? Int32Array.from(o) : undefined));
    this.next = new Int32Array(states * C);
    for (let i = 0; i < delta.length; i++) this.next[i] = (delta[i] ?? 0) * C;
    this.hasOutput = new Uint8Array(states * C);
    this.outputs.forEach((o, state) => {
      if (o !== undefined) this.hasOutput[state * C] = 1;
    });
  }

  /** Scans bytes (or a string's UTF-16 units; units above 0xff count as class 0). */
  scan(input: Uint8Array | string): KeywordHits {
    const state: ScanState = {
      hit: new Uint8Array(this.keywords.length),
      positions: new Int32Array(64),
      positionCount: 0,
      distinct: 0,
      runStarts: [],
      percent: false,
    };
    const high = typeof input === 'string' ? this.scanString(input, state) : this.scanBytes(input, state);
    return {
      hit: state.hit,
      distinct: state.distinct,
      positions: state.positions,
      positionCount: state.positionCount,
      ascii: high < 0x80,
      runStarts: state.runStarts,
      percent: state.percent,
    };
  }

  // Two copies of the same loop, so that each stays monomorphic and free of per-unit branches on the input type.
  private scanBytes(input: Uint8Array, st: ScanState): number {
    const { classOf, next, hasOutput } = this;
    let state = 0;
    let run = 0;
    const n = input.length;
    for (let i = 0; i < n; i++) {
      const unit = input[i]!;
      // Branch-free run length: reset to 0 on any character outside the base64 alphabet.
      run = (run + 1) * RUN_CHAR[unit]!;
      if (run === RUN_MIN && st.runStarts.length < MAX_RUNS) st.runStarts.push(i + 1 - RUN_MIN);
      state = next[state + classOf[unit]!]!;
      if (hasOutput[state] === 1) this.record(state, i, st);
    }
    // Native (vectorised) checks are cheaper than doing these per byte in the loop above.
    st.percent = input.indexOf(0x25) >= 0;
    return isAscii(input) ? 0 : 0x80;
  }

  private scanString(input: string, st: ScanState): number {
    const { classOf, next, hasOutput } = this;
    let state = 0;
    let high = 0;
    let run = 0;
    let percent = 0;
    const n = input.length;
    for (let i = 0; i < n; i++) {
      const unit = input.charCodeAt(i);
      high |= unit;
      const byte = unit > 0xff ? 0 : unit;
      run = (run + 1) * RUN_CHAR[byte]!;
      if (run === RUN_MIN && st.runStarts.length < MAX_RUNS) st.runStarts.push(i + 1 - RUN_MIN);
      percent |= unit === 0x25 ? 1 : 0;
      state = next[state + classOf[byte]!]!;
      if (hasOutput[state] === 1) this.record(state, i, st);
    }
    st.percent = percent === 1;
    return high;
  }

  private record(state: number, i: number, st: ScanState): void {
    const o = this.outputs[state / this.classes]!;
    for (let j = 0; j < o.length; j++) {
      const k = o[j]!;
      if (st.hit[k] === 0) {
        st.hit[k] = 1;
        st.distinct++;
      }
      if (this.tracked[k] === 1 && st.positionCount < this.maxPositions) {
        if (st.positionCount * 2 + 2 > st.positions.length) {
          const grown = new Int32Array(st.positions.length * 2);
          grown.set(st.positions);
          st.positions = grown;
        }
        st.positions[st.positionCount * 2] = k;
        st.positions[st.positionCount * 2 + 1] = i + 1;
        st.positionCount++;
      }
    }
  }
}

interface ScanState {
  runStarts: number[];
  percent: boolean;
  hit: Uint8Array;
  positions: Int32Array;
  positionCount: number;
  distinct: number;
}
