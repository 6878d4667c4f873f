/**
 * The secret scanner: keyword prefilter → rules whose keywords occurred → generic rule at keyword
 * positions → encoded strings (bounded depth) → global filters → overlap resolution.
 * Pure: bytes or text in, raw hits out. Raw hits hold the secret in memory only so that the
 * collector can hash and redact it; they are never formatted.
 */
import { acceptsCandidate, compileRule, pathAllowed, type CompiledRule } from './compile.js';
import { decodeSpan, findEncodedSpans } from './decode.js';
import { ALLOW_MARKER, isPlaceholderSecret } from './filters.js';
import { findGenericCandidates, GENERIC_KEYWORDS, GENERIC_RULES } from './generic.js';
import { LineIndex } from './lines.js';
import { KeywordAutomaton, type KeywordHits } from './prefilter.js';
import { severityRank, type RuleSpec } from './types.js';

export interface GlobalAllowlist {
  readonly paths: readonly RegExp[];
  readonly secrets: readonly RegExp[];
  readonly stopwords: readonly string[];
}

export interface ScannerOptions {
  readonly decode: { readonly enabled: boolean; readonly maxDepth: number };
  /**
   * The generic "secret-looking name = high-entropy value" rules to run (GENERIC_RULES, possibly with
   * a severity override); empty turns the generic rule off.
   */
  readonly generic: readonly RuleSpec[];
  readonly allowlist: GlobalAllowlist;
}

export const DEFAULT_SCANNER_OPTIONS: ScannerOptions = {
  decode: { enabled: true, maxDepth: 2 },
  generic: GENERIC_RULES,
  allowlist: { paths: [], secrets: [], stopwords: [] },
};

export interface RawHit {
  readonly rule: RuleSpec;
  readonly secret: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Offsets in the scanned text, used to resolve overlaps. */
  readonly start: number;
  readonly end: number;
  readonly decodedFrom?: string;
}

function isGeneric(rule: RuleSpec): boolean {
  return rule.tags?.includes('generic') === true;
}

/**
 * Which of two overlapping hits names the secret best: a specific rule beats the generic one, and a
 * rule that recognises the token itself (its keyword is inside the secret, like `ghp_`) beats one that
 * recognises only the container (a URL with credentials, an .npmrc line); then severity, then length.
 */
function priority(hit: RawHit): number {
  const lower = hit.secret.toLowerCase();
  const selfIdentifying = hit.rule.keywords.some((k) => lower.includes(k));
  return (isGeneric(hit.rule) ? 0 : 1000) + (selfIdentifying ? 500 : 0) + severityRank(hit.rule.severity) * 100 + Math.min(hit.secret.length, 99);
}

/** Keeps, among hits whose secrets overlap in the text, the most specific one. */
export function resolveOverlaps(hits: RawHit[]): RawHit[] {
  if (hits.length < 2) return hits;
  const sorted = [...hits].sort((a, b) => a.start - b.start || priority(b) - priority(a));
  const kept: RawHit[] = [];
  for (const hit of sorted) {
    const last = kept[kept.length - 1];
    if (last !== undefined && hit.start < last.end) {
      if (priority(hit) > priority(last)) kept[kept.length - 1] = hit;
      continue;
    }
    kept.push(hit);
  }
  return kept;
}

/**
 * Context kept on each side of a window beyond the longest possible match, so that lookbehinds,
 * lookaheads and word boundaries see the same characters as they would in the whole text.
 */
const WINDOW_MARGIN = 256;
/** Keyword occurrences recorded per text; past this, every triggered rule scans the whole text. */
const MAX_POSITIONS = 1 << 16;

/** One character per byte. Buffer's latin1 slice is a plain copy into a one-byte string, 3x faster than TextDecoder. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function utf8Of(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

/** Re-expresses a hit found in a latin1 view of UTF-8 bytes: the secret as UTF-8, columns in UTF-16 units. */
function toUtf8Hit(hit: RawHit, latin1: string): RawHit {
  const column = (offset: number): number => {
    const lineStart = latin1.lastIndexOf('\n', offset - 1) + 1;
    return utf8Of(latin1.slice(lineStart, offset)).length + 1;
  };
  return {
    ...hit,
    // Secrets found inside decoded strings were already decoded as UTF-8.
    secret: hit.decodedFrom === undefined ? utf8Of(hit.secret) : hit.secret,
    column: column(hit.start),
    endColumn: column(hit.end),
  };
}

export class SecretScanner {
  readonly rules: readonly CompiledRule[];
  readonly ruleInfos: readonly RuleSpec[];
  private readonly automaton: KeywordAutomaton;
  /** keyword index → indices of rules that list it */
  private readonly rulesByKeyword: Int32Array[];
  /** keyword index → its length when the generic rule tracks it, else 0 */
  private readonly genericKeywordLength: Int32Array;
  private readonly alwaysRun: readonly number[];
  /** Rules that run on files by path (RuleSpec.paths), whatever their keywords. */
  private readonly pathRules: readonly (readonly [number, readonly RegExp[]])[];
  /** Per rule: half-width of the window around a keyword that can hold a whole match, or Infinity. */
  private readonly windowHalf: Float64Array;
  /** Per rule: the keyword indices it lists. */
  private readonly keywordsOfRule: readonly Int32Array[];
  private readonly keywordLength: Int32Array;
  private readonly options: ScannerOptions;

  constructor(rules: readonly CompiledRule[], options: ScannerOptions = DEFAULT_SCANNER_OPTIONS) {
    this.rules = rules;
    this.options = options;
    this.ruleInfos = [...rules.map((r) => r.spec), ...options.generic];
    const keywordIndex = new Map<string, number>();
    const byKeyword: number[][] = [];
    const intern = (k: string): number => {
      let index = keywordIndex.get(k);
      if (index === undefined) {
        index = keywordIndex.size;
        keywordIndex.set(k, index);
        byKeyword.push([]);
      }
      return index;
    };
    const always: number[] = [];
    const byPath: [number, RegExp[]][] = [];
    rules.forEach((rule, r) => {
      if (rule.spec.paths !== undefined && rule.spec.paths.length > 0) {
        byPath.push([r, rule.spec.paths.map((p) => new RegExp(p))]);
        return;
      }
      if (rule.spec.keywords.length === 0) always.push(r);
      for (const k of rule.spec.keywords) byKeyword[intern(k.toLowerCase())]?.push(r);
    });
    const genericTracked = new Set<number>();
    if (options.generic.length > 0) for (const k of GENERIC_KEYWORDS) genericTracked.add(intern(k));
    this.alwaysRun = always;
    this.pathRules = byPath;
    this.rulesByKeyword = byKeyword.map((list) => Int32Array.from(new Set(list)));
    const keywords = [...keywordIndex.keys()];
    this.genericKeywordLength = new Int32Array(keywords.length);
    for (const t of genericTracked) this.genericKeywordLength[t] = keywords[t]?.length ?? 0;
    this.keywordLength = Int32Array.from(keywords.map((k) => k.length));
    this.keywordsOfRule = rules.map((rule) => Int32Array.from(new Set(rule.spec.keywords.map((k) => keywordIndex.get(k.toLowerCase()) ?? -1))));
    this.windowHalf = new Float64Array(rules.length).fill(NaN);
    // Every keyword's positions are tracked: rules run only in windows around them.
    this.automaton = new KeywordAutomaton(keywords, new Set(keywords.map((_, i) => i)), MAX_POSITIONS);
  }

  static fromSpecs(specs: readonly RuleSpec[], options: ScannerOptions = DEFAULT_SCANNER_OPTIONS): SecretScanner {
    return new SecretScanner(specs.map((s) => compileRule(s)), options);
  }

  private rulesForPath(path: string): number[] {
    const out: number[] = [];
    for (const [r, patterns] of this.pathRules) if (patterns.some((p) => p.test(path))) out.push(r);
    return out;
  }

  private pathIgnored(path: string): boolean {
    return this.options.allowlist.paths.some((r) => r.test(path));
  }

  /** Scans raw file bytes; decodes them to text only when a keyword or an encoded string makes it worthwhile. */
  scanBytes(path: string, bytes: Uint8Array): RawHit[] {
    if (this.pathIgnored(path)) return [];
    const hits = this.automaton.scan(bytes);
    if (hits.distinct === 0 && this.alwaysRun.length === 0 && this.rulesForPath(path).length === 0) {
      if (!this.options.decode.enabled || (hits.runStarts.length === 0 && !hits.percent)) return [];
    }
    // Scan a latin1 view of the bytes: one character per byte, so the automaton's offsets hold as they are
    // and no second pass is needed for non-ASCII files. Every pattern is ASCII, and UTF-8 multi-byte
    // sequences are non-space, non-word characters either way. The few hits in non-ASCII files are then
    // mapped back to real UTF-8 text and UTF-16 columns.
    const text = latin1(bytes);
    const found = this.scanDecodedText(path, text, hits, 0);
    return hits.ascii || found.length === 0 ? found : found.map((hit) => toUtf8Hit(hit, text));
  }

  scanText(path: string, text: string): RawHit[] {
    if (this.pathIgnored(path)) return [];
    return this.scanDecodedText(path, text, undefined, 0);
  }

  private scanDecodedText(
    path: string,
    text: string,
    precomputed: KeywordHits | undefined,
    depth: number,
  ): RawHit[] {
    const kw = precomputed ?? this.automaton.scan(text);
    const lines = new LineIndex(text);
    const found: RawHit[] = [];
    const accept = (rule: RuleSpec, secret: string, start: number): void => {
      if (isPlaceholderSecret(secret) || !this.globallyAllowedSecret(secret)) return;
      const from = lines.position(start);
      const to = lines.position(start + secret.length);
      found.push({ rule, secret, start, end: start + secret.length, line: from.line, column: from.column, endLine: to.line, endColumn: to.column });
    };

    const byPath = depth === 0 ? this.rulesForPath(path) : [];
    if (kw.distinct > 0 || this.alwaysRun.length > 0 || byPath.length > 0) {
      const ruleHit = new Uint8Array(this.rules.length);
      for (const r of this.alwaysRun) ruleHit[r] = 1;
      for (const r of byPath) ruleHit[r] = 1;
      for (let k = 0; k < kw.hit.length; k++) {
        if (kw.hit[k] === 0) continue;
        const list = this.rulesByKeyword[k];
        if (list) for (let j = 0; j < list.length; j++) ruleHit[list[j]!] = 1;
      }
      // Path rules run only where their path matches, even when one of their keywords occurred elsewhere.
      for (const [r] of this.pathRules) if (!byPath.includes(r)) ruleHit[r] = 0;
      const overflow = kw.positionCount >= MAX_POSITIONS;
      const byKeyword = overflow ? undefined : bucketPositions(kw);
      for (let r = 0; r < this.rules.length; r++) {
        if (ruleHit[r] === 0) continue;
        const rule = this.rules[r]!;
        if (pathAllowed(rule, path)) continue;
        const windows = byKeyword === undefined ? undefined : this.windowsFor(r, byKeyword, text.length);
        if (windows === undefined) {
          for (const m of rule.matcher.matchAll(text)) {
            if (acceptsCandidate(rule, m)) accept(rule.spec, m.secret, m.secretStart);
          }
          continue;
        }
        for (let w = 0; w < windows.length; w += 2) {
          const from = windows[w]!;
          for (const m of rule.matcher.matchAll(text.slice(from, windows[w + 1]))) {
            if (acceptsCandidate(rule, m)) accept(rule.spec, m.secret, m.secretStart + from);
          }
        }
      }
      if (this.options.generic.length > 0 && kw.positionCount > 0) {
        const ends: [number, number][] = [];
        for (let p = 0; p < kw.positionCount; p++) {
          const length = this.genericKeywordLength[kw.positions[p * 2]!]!;
          if (length > 0) ends.push([length, kw.positions[p * 2 + 1]!]);
        }
        for (const c of findGenericCandidates(text, path, ends)) {
          const spec = this.options.generic.find((g) => g.id === c.ruleId);
          if (spec) accept(spec, c.secret, c.start);
        }
      }
    }

    if (this.options.decode.enabled && depth < this.options.decode.maxDepth) {
      for (const span of findEncodedSpans(text, kw.runStarts, kw.percent)) {
        const decoded = decodeSpan(text, span);
        if (decoded === undefined) continue;
        const inner = this.scanDecodedText(path, decoded, undefined, depth + 1);
        if (inner.length === 0) continue;
        const from = lines.position(span.start);
        const to = lines.position(span.end);
        for (const hit of inner) {
          found.push({
            rule: hit.rule,
            secret: hit.secret,
            start: span.start,
            end: span.end,
            line: from.line,
            column: from.column,
            endLine: to.line,
            endColumn: to.column,
            decodedFrom: hit.decodedFrom === undefined ? span.encoding : `${span.encoding}>${hit.decodedFrom}`,
          });
        }
      }
    }

    const resolved = resolveOverlaps(found);
    return depth === 0 ? resolved.filter((hit) => !inlineAllowed(lines, hit.line)) : resolved;
  }

  /**
   * Merged [start, end) windows around the keywords of rule r, or undefined when the rule should
   * scan the whole text: its matches are unbounded, or the windows would cover most of the text anyway.
   */
  private windowsFor(r: number, byKeyword: Map<number, number[]>, length: number): number[] | undefined {
    let half = this.windowHalf[r]!;
    if (Number.isNaN(half)) half = this.windowHalf[r] = this.rules[r]!.maxLength + WINDOW_MARGIN;
    if (!Number.isFinite(half) || half * 4 >= length) return undefined;
    const spans: number[] = [];
    for (const k of this.keywordsOfRule[r]!) {
      const ends = byKeyword.get(k);
      if (ends === undefined) continue;
      const kwLength = this.keywordLength[k] ?? 0;
      for (const end of ends) spans.push(Math.max(0, end - kwLength - half), Math.min(length, end + half));
    }
    if (spans.length === 0) return undefined;
    const order = Array.from({ length: spans.length / 2 }, (_, i) => i).sort((a, b) => spans[a * 2]! - spans[b * 2]!);
    const merged: number[] = [];
    let covered = 0;
    for (const i of order) {
      const start = spans[i * 2]!;
      const end = spans[i * 2 + 1]!;
      const last = merged.length - 1;
      if (merged.length > 0 && start <= merged[last]!) {
        if (end > merged[last]!) {
          covered += end - merged[last]!;
          merged[last] = end;
        }
      } else {
        merged.push(start, end);
        covered += end - start;
      }
    }
    return covered * 2 >= length ? undefined : merged;
  }

  private globallyAllowedSecret(secret: string): boolean {
    const allow = this.options.allowlist;
    if (allow.secrets.some((r) => r.test(secret))) return false;
    if (allow.stopwords.length > 0) {
      const lower = secret.toLowerCase();
      if (allow.stopwords.some((w) => lower.includes(w))) return false;
    }
    return true;
  }
}

/** Keyword index → end offsets of its occurrences, in text order. */
function bucketPositions(kw: KeywordHits): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let p = 0; p < kw.positionCount; p++) {
    const k = kw.positions[p * 2]!;
    let list = map.get(k);
    if (list === undefined) map.set(k, (list = []));
    list.push(kw.positions[p * 2 + 1]!);
  }
  return map;
}

function inlineAllowed(lines: LineIndex, line: number): boolean {
  const text = lines.lineText(line);
  if (text.includes(ALLOW_MARKER) && !text.includes(`${ALLOW_MARKER}-next-line`)) return true;
  return line > 1 && lines.lineText(line - 1).includes(`${ALLOW_MARKER}-next-line`);
}
