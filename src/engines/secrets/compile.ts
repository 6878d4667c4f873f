import { LeakproofError } from '../../errors.js';
import { shannonEntropy } from './entropy.js';
import { maxMatchLength } from './match-length.js';
import type { RuleSpec } from './types.js';

/**
 * A rule made ready to run: its RegExp compiled once, its allowlists compiled once.
 * `matcher` abstracts the regex engine so that a user rule that could backtrack badly
 * can run on a linear-time engine instead (see regex-safety.ts).
 */
export interface CompiledRule {
  readonly spec: RuleSpec;
  readonly matcher: PatternMatcher;
  readonly secretPatterns: readonly RegExp[];
  readonly stopwords: readonly string[];
  readonly pathPatterns: readonly RegExp[];
  readonly matchPatterns: readonly RegExp[];
  /** The longest text the pattern can match (Infinity when unbounded); see match-length.ts. */
  readonly maxLength: number;
}

/** One regex match: where it starts and ends in the text, and the secret's offset and text. */
export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly whole: string;
  readonly secret: string;
  readonly secretStart: number;
}

export interface PatternMatcher {
  /** Every non-overlapping match in `text`, in order. */
  matchAll(text: string): Iterable<PatternMatch>;
}

const ALLOWED_FLAGS = /^[imsu]*$/;

function compileRegExp(source: string, flags: string, ruleId: string, what: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new LeakproofError('RULE_INVALID', `rule '${ruleId}': ${what} is not a valid regular expression: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The default engine: V8's irregexp. Built-in patterns are proven free of catastrophic backtracking in tests. */
export function regExpMatcher(spec: RuleSpec): PatternMatcher {
  const flags = spec.flags ?? '';
  if (!ALLOWED_FLAGS.test(flags)) {
    throw new LeakproofError('RULE_INVALID', `rule '${spec.id}': flags '${flags}' are not allowed (use i, m, s, u)`);
  }
  const regex = compileRegExp(spec.pattern, `g${flags}`, spec.id, 'pattern');
  const hasNamed = /\(\?<secret>/.test(spec.pattern);
  const group = spec.secretGroup;
  return {
    *matchAll(text: string): Iterable<PatternMatch> {
      regex.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = regex.exec(text)) !== null) {
        const whole = m[0];
        if (whole.length === 0) {
          regex.lastIndex++;
          continue;
        }
        let secret: string | undefined;
        if (hasNamed) secret = m.groups?.['secret'];
        else if (group !== undefined) secret = m[group];
        else secret = m.length > 1 ? m[1] : whole;
        if (secret === undefined || secret.length === 0) continue;
        const rel = whole.lastIndexOf(secret);
        yield { start: m.index, end: m.index + whole.length, whole, secret, secretStart: m.index + Math.max(rel, 0) };
      }
    },
  };
}

export function compileRule(spec: RuleSpec, matcher?: PatternMatcher): CompiledRule {
  const allow = spec.allowlist ?? {};
  return {
    spec,
    matcher: matcher ?? regExpMatcher(spec),
    secretPatterns: (allow.secretPatterns ?? []).map((p) => compileRegExp(p, '', spec.id, 'allowlist secret pattern')),
    stopwords: (allow.stopwords ?? []).map((w) => w.toLowerCase()),
    pathPatterns: (allow.pathPatterns ?? []).map((p) => compileRegExp(p, '', spec.id, 'allowlist path pattern')),
    matchPatterns: (allow.matchPatterns ?? []).map((p) => compileRegExp(p, '', spec.id, 'allowlist match pattern')),
    // Parsing every pattern up front costs more than most scans; only rules that run need it.
    get maxLength(): number {
      const value = maxMatchLength(spec.pattern, spec.flags ?? '');
      Object.defineProperty(this, 'maxLength', { value });
      return value;
    },
  };
}

/** True when a candidate passes the rule's own filters: entropy, allowlists and structural validation. */
export function acceptsCandidate(rule: CompiledRule, match: PatternMatch): boolean {
  const { spec } = rule;
  const secret = match.secret;
  if (spec.entropy !== undefined && shannonEntropy(secret) < spec.entropy) return false;
  if (rule.secretPatterns.some((r) => r.test(secret))) return false;
  if (rule.matchPatterns.some((r) => r.test(match.whole))) return false;
  if (rule.stopwords.length > 0) {
    const lower = secret.toLowerCase();
    if (rule.stopwords.some((w) => lower.includes(w))) return false;
  }
  if (spec.validate && !spec.validate(secret)) return false;
  return true;
}

export function pathAllowed(rule: CompiledRule, path: string): boolean {
  return rule.pathPatterns.some((r) => r.test(path));
}

/**
 * Every accepted candidate of one rule in one text, before the global false-positive filters
 * and before deduplication. Used by the scanner and by the rule example tests.
 */
export function matchRule(rule: CompiledRule, text: string, path = ''): PatternMatch[] {
  if (path !== '' && pathAllowed(rule, path)) return [];
  const out: PatternMatch[] = [];
  for (const m of rule.matcher.matchAll(text)) if (acceptsCandidate(rule, m)) out.push(m);
  return out;
}
