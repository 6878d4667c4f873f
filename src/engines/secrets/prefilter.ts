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
}

export class KeywordAutomaton {
  readonly keywords: readonly string[];
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  private readonly delta: Int32Array;
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
    this.delta = new Int32Array(states * C);
    const fail = new Int32Array(states);
    const out: number[][] = terminal.map((t) => [...t]);
    const queue: number[] = [];
    for (let cls = 0; cls < C; cls++) {
      const child = children[0]?.get(cls);
      if (child !== undefined) {
        this.delta[cls] = child;
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
          fail[child] = this.delta[f * C + cls] ?? 0;
          this.delta[state * C + cls] = child;
          queue.push(child);
        } else {
          this.delta[state * C + cls] = this.delta[f * C + cls] ?? 0;
        }
      }
    }
    this.outputs = out.map((o) => (o.length > 0 ? Int32Array.from(o) : undefined));
  }

  /** Scans bytes (or a string's UTF-16 units; units above 0xff count as class 0). */
  scan(input: Uint8Array | string): KeywordHits {
    const hit = new Uint8Array(this.keywords.length);
    let positions = new Int32Array(64);
    let positionCount = 0;
    let distinct = 0;
    let high = 0;
    const { classOf, delta, outputs, tracked } = this;
    const C = this.classes;
    let state = 0;
    const isString = typeof input === 'string';
    const n = input.length;
    for (let i = 0; i < n; i++) {
      const unit = isString ? input.charCodeAt(i) : input[i]!;
      high |= unit;
      state = delta[state * C + (unit > 0xff ? 0 : classOf[unit]!)]!;
      const o = outputs[state];
      if (o === undefined) continue;
      for (let j = 0; j < o.length; j++) {
        const k = o[j]!;
        if (hit[k] === 0) {
          hit[k] = 1;
          distinct++;
        }
        if (tracked[k] === 1 && positionCount < this.maxPositions) {
          if (positionCount * 2 + 2 > positions.length) {
            const grown = new Int32Array(positions.length * 2);
            grown.set(positions);
            positions = grown;
          }
          positions[positionCount * 2] = k;
          positions[positionCount * 2 + 1] = i + 1;
          positionCount++;
        }
      }
    }
    return { hit, distinct, positions, positionCount, ascii: high < 0x80 };
  }
}
