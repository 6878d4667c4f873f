/**
 * Safety of user-written regular expressions.
 *
 * A secret scanner runs every rule over every file, including minified one-megabyte lines that an
 * attacker (or an unlucky bundle) controls. One rule that backtracks catastrophically turns a scan
 * into a hang, so user rules go through this policy before they run:
 *
 * - safe pattern → V8's RegExp (fastest);
 * - unsafe pattern that RE2 can express → re2js, a linear-time RE2 port;
 * - unsafe pattern that needs backtracking features (backreferences, lookahead) → RULE_UNSAFE_REGEX.
 *
 * The analysis uses `scslre` (the super-linear backtracking analyser behind eslint-plugin-regexp's
 * `no-super-linear-backtracking`): it reports a quantifier nested in a quantifier that can match the
 * same text (`(a+)+`, exponential) and two quantifiers that trade characters (`\w*\w*`, polynomial).
 * scslre does not look at ambiguous alternation under a quantifier (`(a|a)*`, `(\w|\d)+`), which is
 * exponential too, so that case is checked here with refa's automata.
 *
 * scslre's third kind of report, "Move" (`a+b` retried from every start position), is not treated
 * as unsafe: it is quadratic only in the length of one run of matching characters, almost every
 * secret pattern has it, and sending all of them to the slower linear engine would cost more than
 * the rare long run does.
 */
import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { isDisjointWith, JS, NFA, type CharSet } from 'refa';
import { RE2JS } from 're2js';
import { analyse, type Report } from 'scslre';
import { LeakproofError } from '../../errors.js';
import { compileRule, regExpMatcher, type CompiledRule, type PatternMatch, type PatternMatcher } from './compile.js';
import type { RuleSpec } from './types.js';

export interface PatternSafety {
  readonly safe: boolean;
  readonly reason?: string;
}

/**
 * A quantifier with at most this many repetitions over an ambiguous alternation costs at most
 * 2^(this - 1) paths per start position: harmless. Above it the doubling gets expensive fast.
 */
const AMBIGUOUS_REPEAT_LIMIT = 8;

/** Bounds the automata built for the alternation check, so the analysis itself stays cheap. */
const MAX_AUTOMATON_NODES = 20_000;

/**
 * Pairs of alternatives compared by automaton intersection, per pattern. A pattern needing more
 * (a long keyword list under `+`) is called too complex and goes to the linear engine, which
 * handles big alternations well; the limit keeps the analysis under about a second.
 */
const MAX_ALTERNATIVE_PAIRS = 2_000;

/**
 * scslre only looks at unbounded quantifiers, but `[a-z]{1,1000}[a-z]{1,1000}` costs a million
 * steps per start position and `(a{1,10}){1,10}` ten billion. So a bounded quantifier allowing at
 * least WIDE_QUANTIFIER_SPAN choices is analysed as if it were unbounded, and each report is kept
 * only if it is costly with the real bounds (see `isCostly`).
 */
const WIDE_QUANTIFIER_SPAN = 10;
/**
 * Two adjacent quantifiers trading characters cost the product of their spans per start position.
 * When one of them is narrow (`\s{0,12}` after a 16 KiB key body) that is a constant factor on a
 * linear scan; only two wide ones multiply into trouble.
 */
const WIDE_TRADE_SPAN = 100;
/** Nested bounded quantifiers cost about span^repetitions per start position. */
const COSTLY_NESTING = 10_000;

interface ParsedPattern {
  readonly pattern: AST.Pattern;
  readonly flags: AST.Flags;
}

function parsePattern(source: string, flags: string): ParsedPattern {
  const parser = new RegExpParser({ ecmaVersion: 2025 });
  const parsedFlags = parser.parseFlags(flags);
  const pattern = parser.parsePattern(source, 0, source.length, { unicode: parsedFlags.unicode, unicodeSets: parsedFlags.unicodeSets });
  return { pattern, flags: parsedFlags };
}

/** How many repetition counts a quantifier allows. */
function span(q: AST.Quantifier): number {
  return q.max === Infinity ? Infinity : q.max - q.min + 1;
}

/** Whether a report, judged with the original bounds, can make a scan hang. */
function isCostly(report: Report, original: (q: AST.Quantifier) => AST.Quantifier): boolean {
  switch (report.type) {
    case 'Self': {
      const inner = span(original(report.quant));
      return inner >= WIDE_QUANTIFIER_SPAN && inner ** Math.min(original(report.parentQuant).max, 64) >= COSTLY_NESTING;
    }
    case 'Trade': {
      const narrower = Math.min(span(original(report.startQuant)), span(original(report.endQuant)));
      // An exponential trade repeats the pair, so any real span on both sides compounds.
      return narrower >= (report.exponential ? WIDE_QUANTIFIER_SPAN : WIDE_TRADE_SPAN);
    }
    case 'Move':
      return false;
  }
}

function describeReport(report: Report, original: (q: AST.Quantifier) => AST.Quantifier): string {
  const grows = report.exponential ? 'exponential' : 'polynomial';
  const input = `a long run of ${JSON.stringify(report.character.pick)}`;
  switch (report.type) {
    case 'Self':
      return `nested quantifier '${original(report.quant).raw}' inside '${original(report.parentQuant).raw}' can match the same text in many ways (${grows} backtracking on ${input})`;
    case 'Trade':
      return `quantifiers '${original(report.startQuant).raw}' and '${original(report.endQuant).raw}' can match the same characters (${grows} backtracking on ${input})`;
    case 'Move':
      return `quantifier '${original(report.quant).raw}' is retried from every position (${grows} on ${input})`;
  }
}

/** The element a quantifier repeats, seen through non-capturing and capturing groups of one alternative. */
function alternativesOf(element: AST.QuantifiableElement): readonly AST.Alternative[] | undefined {
  if (element.type !== 'Group' && element.type !== 'CapturingGroup') return undefined;
  if (element.alternatives.length >= 2) return element.alternatives;
  const only = element.alternatives[0];
  if (only?.elements.length === 1) {
    const inner = only.elements[0];
    if (inner !== undefined && (inner.type === 'Group' || inner.type === 'CapturingGroup')) return alternativesOf(inner);
  }
  return undefined;
}

class TooComplex extends Error {}

/** Characters a word of `automaton` can start with, and whether it accepts the empty word. */
function firstCharacters(automaton: NFA): { chars: CharSet | undefined; empty: boolean } {
  let chars: CharSet | undefined;
  for (const set of automaton.initial.out.values()) chars = chars === undefined ? set : chars.union(set);
  return { chars, empty: automaton.finals.has(automaton.initial) };
}

/**
 * `(A|B)*` backtracks exponentially when some text can be split into repetitions in two ways that
 * differ in the first alternative taken, that is when A·(A|B)* and B·(A|B)* share a word.
 * (Two ways that differ only inside one alternative are scslre's "Self" case.)
 */
function ambiguousAlternation(parsed: ParsedPattern): string | undefined {
  const parser = JS.Parser.fromAst(parsed);
  const options = { backreferences: 'disable', assertions: 'ignore', maxNodes: MAX_AUTOMATON_NODES } as const;
  let found: string | undefined;
  let pairs = 0;
  visitRegExpAST(parsed.pattern, {
    onQuantifierEnter(quantifier) {
      if (found !== undefined || quantifier.max <= AMBIGUOUS_REPEAT_LIMIT) return;
      const alternatives = alternativesOf(quantifier.element);
      if (alternatives === undefined) return;
      const report = (a: AST.Alternative, b: AST.Alternative): string =>
        `alternatives '${a.raw}' and '${b.raw}' of '${quantifier.raw}' can match the same text (exponential backtracking)`;
      const seen = new Map<string, AST.Alternative>();
      for (const alternative of alternatives) {
        const twin = seen.get(alternative.raw);
        if (twin !== undefined) {
          found = report(twin, alternative);
          return;
        }
        seen.set(alternative.raw, alternative);
      }
      const automatonOf = (node: AST.Alternative | AST.QuantifiableElement): NFA => {
        const result = parser.parseElement(node, options);
        return NFA.fromRegex(result.expression, { maxCharacter: result.maxCharacter });
      };
      const repeated = automatonOf(quantifier.element);
      repeated.quantify(0, Infinity);
      const repeatedFirst = firstCharacters(repeated).chars;
      // First characters of A·(A|B)*, from A alone (cheap): A's own, plus the repetition's when A can be empty.
      const starts = alternatives.map((alternative) => {
        const own = firstCharacters(automatonOf(alternative));
        const chars = own.empty && repeatedFirst !== undefined ? (own.chars?.union(repeatedFirst) ?? repeatedFirst) : own.chars;
        return { alternative, chars, empty: own.empty, automaton: undefined as NFA | undefined };
      });
      const candidates: [number, number][] = [];
      for (let i = 0; i < starts.length; i++) {
        for (let j = i + 1; j < starts.length; j++) {
          const a = starts[i];
          const b = starts[j];
          if (a === undefined || b === undefined) continue;
          if (a.empty && b.empty) {
            found = report(a.alternative, b.alternative);
            return;
          }
          // Words starting with different characters cannot be equal: no automaton work needed.
          if (a.chars !== undefined && b.chars !== undefined && !a.chars.isDisjointWith(b.chars)) candidates.push([i, j]);
        }
      }
      pairs += candidates.length;
      if (pairs > MAX_ALTERNATIVE_PAIRS) throw new TooComplex(`more than ${MAX_ALTERNATIVE_PAIRS} overlapping pairs of alternatives under repetition`);
      const continued = (index: number): NFA => {
        const start = starts[index];
        if (start === undefined) throw new Error('alternative index out of range');
        if (start.automaton === undefined) {
          start.automaton = automatonOf(start.alternative);
          start.automaton.append(repeated);
        }
        return start.automaton;
      };
      for (const [i, j] of candidates) {
        if (!isDisjointWith(continued(i), continued(j), MAX_AUTOMATON_NODES)) {
          found = report(alternatives[i] as AST.Alternative, alternatives[j] as AST.Alternative);
          return;
        }
      }
    },
  });
  return found;
}

function quantifiersOf(pattern: AST.Pattern): AST.Quantifier[] {
  const out: AST.Quantifier[] = [];
  visitRegExpAST(pattern, { onQuantifierEnter: (q) => void out.push(q) });
  return out;
}

/** The pattern with every wide bounded quantifier (`{1,1000}`) made unbounded (`{1,}`), for scslre. */
function widenQuantifiers(source: string, parsed: ParsedPattern): string {
  const suffixes = quantifiersOf(parsed.pattern)
    .filter((q) => q.max !== Infinity && span(q) >= WIDE_QUANTIFIER_SPAN)
    .map((q) => ({ start: q.element.end, end: q.end, text: `{${q.min},}${q.greedy ? '' : '?'}` }));
  let out = source;
  for (const s of suffixes.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/**
 * Whether `pattern` (with RegExp `flags`, without `g`) can backtrack catastrophically.
 * An invalid pattern is a RULE_INVALID error, not an unsafe one.
 * A pattern too complex to analyse within the bounds is reported unsafe: the linear engine then runs it.
 */
export function checkPatternSafety(pattern: string, flags = ''): PatternSafety {
  let parsed: ParsedPattern;
  try {
    parsed = parsePattern(pattern, flags);
  } catch (error) {
    throw new LeakproofError('RULE_INVALID', `pattern is not a valid regular expression: ${(error as Error).message}`, { cause: error });
  }
  try {
    const widenedSource = widenQuantifiers(pattern, parsed);
    const widened = widenedSource === pattern ? parsed : parsePattern(widenedSource, flags);
    // Same structure, so the n-th quantifier of one is the n-th of the other.
    const originals = new Map<AST.Quantifier, AST.Quantifier>();
    const before = quantifiersOf(parsed.pattern);
    quantifiersOf(widened.pattern).forEach((q, i) => originals.set(q, before[i] ?? q));
    const original = (q: AST.Quantifier): AST.Quantifier => originals.get(q) ?? q;
    const reports = analyse(widened, { reportTypes: { Move: false }, assumeRejectingSuffix: true })
      .reports.filter((report) => isCostly(report, original))
      .sort((a, b) => Number(b.exponential) - Number(a.exponential));
    const worst = reports[0];
    if (worst !== undefined) return { safe: false, reason: describeReport(worst, original) };
    const ambiguity = ambiguousAlternation(parsed);
    if (ambiguity !== undefined) return { safe: false, reason: ambiguity };
    return { safe: true };
  } catch (error) {
    return { safe: false, reason: `too complex to analyse (${(error as Error).message})` };
  }
}

/** What keeps a pattern off RE2, in words, or undefined when nothing obvious does. */
function re2Obstacle(pattern: string, flags: string): string | undefined {
  const parsed = parsePattern(pattern, flags);
  const uses = new Set<string>();
  visitRegExpAST(parsed.pattern, {
    onBackreferenceEnter() {
      uses.add('backreferences');
    },
    onAssertionEnter(assertion) {
      if (assertion.kind === 'lookahead') uses.add('lookahead');
      if (assertion.kind === 'lookbehind') {
        let capturing = false;
        visitRegExpAST(parsed.pattern, {
          onCapturingGroupEnter(group) {
            if (group.start >= assertion.start && group.end <= assertion.end) capturing = true;
          },
        });
        if (capturing) uses.add('a capturing group inside a lookbehind');
      }
    },
  });
  return uses.size === 0 ? undefined : [...uses].join(', ');
}

function hasLookbehind(pattern: string, flags: string): boolean {
  let found = false;
  visitRegExpAST(parsePattern(pattern, flags).pattern, {
    onAssertionEnter(assertion) {
      if (assertion.kind === 'lookbehind') found = true;
    },
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// JavaScript pattern → RE2 syntax, from the parsed AST rather than by string rewriting, so that
// both engines agree on what `\s`, `.` and `[^]` mean (RE2's `\s` is ASCII-only, its `.` only
// excludes `\n`). Known remaining differences: with the `m` flag RE2's `^` and `$` only see `\n`
// as a line end (JavaScript also `\r`, U+2028, U+2029); captures inside a repeated group keep their
// last value instead of being reset; without the u flag JavaScript's `.` and negated classes can
// match half of an astral character, RE2 only whole characters; case folding of a few exotic characters.

type CodeRange = readonly [number, number];

const MAX_CODE_POINT = 0x10ffff;
const JS_WHITESPACE: readonly CodeRange[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const JS_LINE_TERMINATORS: readonly CodeRange[] = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

function complement(ranges: readonly CodeRange[]): CodeRange[] {
  const out: CodeRange[] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const hex = (cp: number): string => `\\x{${cp.toString(16)}}`;
const rangeText = (ranges: readonly CodeRange[]): string => ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');

/** Thrown for a construct RE2 cannot express; the message completes "uses …". */
class Re2Unsupported extends Error {}

function isHighSurrogate(node: AST.Element | undefined): node is AST.Character {
  return node?.type === 'Character' && node.value >= 0xd800 && node.value <= 0xdbff;
}
function isLowSurrogate(node: AST.Element | undefined): node is AST.Character {
  return node?.type === 'Character' && node.value >= 0xdc00 && node.value <= 0xdfff;
}

function translateSet(set: AST.CharacterSet, dotAll: boolean, inClass: boolean): string {
  switch (set.kind) {
    case 'any':
      return dotAll ? `[${hex(0)}-${hex(MAX_CODE_POINT)}]` : `[^${rangeText(JS_LINE_TERMINATORS)}]`;
    case 'digit':
      return set.negate ? '\\D' : '\\d';
    case 'word':
      return set.negate ? '\\W' : '\\w';
    case 'space': {
      const text = rangeText(set.negate ? complement(JS_WHITESPACE) : JS_WHITESPACE);
      return inClass ? text : `[${text}]`;
    }
    case 'property': {
      if (set.strings) throw new Re2Unsupported(`the property of strings ${set.raw}`);
      const name = set.value === null ? set.key : ['General_Category', 'gc', 'Script', 'sc'].includes(set.key) ? set.value : undefined;
      if (name === undefined) throw new Re2Unsupported(`the property ${set.raw}`);
      return `\\${set.negate ? 'P' : 'p'}{${name}}`;
    }
  }
}

function translateClass(node: AST.CharacterClass, dotAll: boolean): string {
  if (node.unicodeSets) throw new Re2Unsupported('a v-flag character class');
  if (node.elements.length === 0) return node.negate ? `[${hex(0)}-${hex(MAX_CODE_POINT)}]` : `[^${hex(0)}-${hex(MAX_CODE_POINT)}]`;
  const parts = node.elements.map((element) => {
    switch (element.type) {
      case 'Character':
        return hex(element.value);
      case 'CharacterClassRange':
        return `${hex(element.min.value)}-${hex(element.max.value)}`;
      case 'CharacterSet':
        return translateSet(element, dotAll, true);
    }
  });
  return `[${node.negate ? '^' : ''}${parts.join('')}]`;
}

function translateAlternatives(alternatives: readonly AST.Alternative[], dotAll: boolean): string {
  return alternatives.map((alternative) => translateElements(alternative.elements, dotAll)).join('|');
}

function translateElements(elements: readonly AST.Element[], dotAll: boolean): string {
  let out = '';
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const after = elements[i + 1];
    if (isHighSurrogate(element) && isLowSurrogate(after)) {
      // Without the u flag an astral character is two code units; RE2 sees one code point.
      out += hex(0x10000 + ((element.value - 0xd800) << 10) + (after.value - 0xdc00));
      i++;
    } else if (element !== undefined) out += translateElement(element, dotAll);
  }
  return out;
}

function translateElement(element: AST.Element, dotAll: boolean): string {
  switch (element.type) {
    case 'Character':
      return /^[A-Za-z0-9_]$/.test(String.fromCodePoint(element.value)) ? String.fromCodePoint(element.value) : hex(element.value);
    case 'CharacterSet':
      return translateSet(element, dotAll, false);
    case 'CharacterClass':
      return translateClass(element, dotAll);
    case 'ExpressionCharacterClass':
      throw new Re2Unsupported('a v-flag character class');
    case 'Group':
      if (element.modifiers !== null && element.modifiers !== undefined) throw new Re2Unsupported('inline modifiers');
      return `(?:${translateAlternatives(element.alternatives, dotAll)})`;
    case 'CapturingGroup':
      return element.name === null ? `(${translateAlternatives(element.alternatives, dotAll)})` : `(?P<${element.name}>${translateAlternatives(element.alternatives, dotAll)})`;
    case 'Quantifier': {
      const { min, max } = element;
      let suffix: string;
      if (min === 0 && max === Infinity) suffix = '*';
      else if (min === 1 && max === Infinity) suffix = '+';
      else if (min === 0 && max === 1) suffix = '?';
      else if (max === Infinity) suffix = `{${min},}`;
      else if (min === max) suffix = `{${min}}`;
      else suffix = `{${min},${max}}`;
      return `${translateElement(element.element, dotAll)}${suffix}${element.greedy ? '' : '?'}`;
    }
    case 'Assertion':
      switch (element.kind) {
        case 'start':
          return '^';
        case 'end':
          return '$';
        case 'word':
          return element.negate ? '\\B' : '\\b';
        case 'lookahead':
          throw new Re2Unsupported('lookahead');
        case 'lookbehind':
          return `(?<${element.negate ? '!' : '='}${translateAlternatives(element.alternatives, dotAll)})`;
      }
      break;
    case 'Backreference':
      throw new Re2Unsupported('backreferences');
  }
}

/** The RE2 source equivalent to a JavaScript pattern (flags i and m are passed to RE2 separately). */
export function toRe2Source(pattern: string, flags = ''): string {
  const parsed = parsePattern(pattern, flags);
  return translateAlternatives(parsed.pattern.alternatives, parsed.flags.dotAll);
}

function re2Flags(spec: RuleSpec): number {
  const flags = spec.flags ?? '';
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (hasLookbehind(spec.pattern, flags)) bits |= RE2JS.LOOKBEHINDS;
  return bits;
}

/**
 * A matcher on re2js, linear in the length of the text whatever the pattern.
 * The secret is chosen as in compile.ts: group `secret`, else `secretGroup`, else group 1, else the match.
 * Throws RULE_UNSAFE_REGEX when the pattern uses a feature RE2 cannot run.
 */
export function linearMatcher(spec: RuleSpec): PatternMatcher {
  const flags = spec.flags ?? '';
  const obstacle = re2Obstacle(spec.pattern, flags);
  let compiled: RE2JS;
  try {
    if (obstacle !== undefined) throw new Error(`uses ${obstacle}`);
    compiled = RE2JS.compile(toRe2Source(spec.pattern, flags), re2Flags(spec));
  } catch (error) {
    const why = error instanceof Re2Unsupported ? `uses ${error.message}` : (error as Error).message;
    throw new LeakproofError('RULE_UNSAFE_REGEX', `rule '${spec.id}': pattern cannot run on the linear-time engine (${why})`, {
      cause: error,
    });
  }
  const hasNamed = /\(\?<secret>/.test(spec.pattern);
  const group = spec.secretGroup;
  return {
    *matchAll(text: string): Iterable<PatternMatch> {
      const matcher = compiled.matcher(text);
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        if (end === start) continue;
        const whole = text.slice(start, end);
        let secretGroup: string | number;
        if (hasNamed) secretGroup = 'secret';
        else if (group !== undefined) secretGroup = group;
        else secretGroup = matcher.groupCount() > 0 ? 1 : 0;
        const secret = matcher.group(secretGroup);
        if (secret === null || secret.length === 0) continue;
        yield { start, end, whole, secret, secretStart: matcher.start(secretGroup) };
      }
    },
  };
}

/**
 * Compiles a user rule under the safety policy. Allowlist patterns run on V8 (the CompiledRule
 * contract holds RegExps), so an unsafe allowlist pattern is refused outright.
 */
export function compileUserRule(spec: RuleSpec): CompiledRule {
  // Validates flags and syntax with the same errors as built-in rules.
  regExpMatcher(spec);
  const flags = spec.flags ?? '';
  const allow = spec.allowlist ?? {};
  const allowPatterns: [string, readonly string[] | undefined][] = [
    ['allowlist secret pattern', allow.secretPatterns],
    ['allowlist match pattern', allow.matchPatterns],
    ['allowlist path pattern', allow.pathPatterns],
  ];
  for (const [what, patterns] of allowPatterns) {
    for (const pattern of patterns ?? []) {
      const verdict = withRuleId(spec.id, what, () => checkPatternSafety(pattern));
      if (!verdict.safe) {
        throw new LeakproofError('RULE_UNSAFE_REGEX', `rule '${spec.id}': ${what} could backtrack catastrophically (${verdict.reason ?? 'unknown'})`);
      }
    }
  }
  const verdict = withRuleId(spec.id, 'pattern', () => checkPatternSafety(spec.pattern, flags));
  if (verdict.safe) return compileRule(spec);
  const obstacle = re2Obstacle(spec.pattern, flags);
  if (obstacle !== undefined) {
    throw new LeakproofError(
      'RULE_UNSAFE_REGEX',
      `rule '${spec.id}': pattern could backtrack catastrophically (${verdict.reason ?? 'unknown'}) and cannot run on the linear-time engine (uses ${obstacle})`,
    );
  }
  try {
    return compileRule(spec, linearMatcher(spec));
  } catch (error) {
    if (error instanceof LeakproofError && error.code === 'RULE_UNSAFE_REGEX') {
      throw new LeakproofError(
        'RULE_UNSAFE_REGEX',
        `rule '${spec.id}': pattern could backtrack catastrophically (${verdict.reason ?? 'unknown'}) and ${error.message.replace(`rule '${spec.id}': pattern `, '')}`,
        { cause: error },
      );
    }
    throw error;
  }
}

function withRuleId<T>(id: string, what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LeakproofError && error.code === 'RULE_INVALID') {
      throw new LeakproofError('RULE_INVALID', `rule '${id}': ${what} ${error.message.replace(/^pattern /, '')}`, { cause: error });
    }
    throw error;
  }
}
