import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regExpMatcher, matchRule, type PatternMatch } from '../../../src/engines/secrets/compile.js';
import { checkPatternSafety, compileUserRule, linearMatcher, toRe2Source } from '../../../src/engines/secrets/regex-safety.js';
import type { RuleSpec } from '../../../src/engines/secrets/types.js';
import { LeakproofError } from '../../../src/errors.js';

function spec(pattern: string, extra: Partial<RuleSpec> = {}): RuleSpec {
  return {
    id: 'user-rule',
    description: 'a user rule under test',
    severity: 'high',
    keywords: [],
    pattern,
    examples: { match: [], noMatch: [] },
    ...extra,
  };
}

function caught(run: () => unknown): LeakproofError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LeakproofError);
    return error as LeakproofError;
  }
  throw new Error('expected a LeakproofError');
}

const strip = (m: PatternMatch) => ({ start: m.start, end: m.end, whole: m.whole, secret: m.secret, secretStart: m.secretStart });

describe('checkPatternSafety', () => {
  it.each([
    ['(a+)+', 'nested quantifier'],
    ['(a|a)*', 'alternatives'],
    ['(\\w+\\s?)*', 'nested quantifier'],
    ['\\w*\\w*\\w*x', 'quantifiers'],
    ['\\w*\\w*', 'quantifiers'],
    ['(a|aa)*b', 'alternatives'],
    ['(\\w|\\d)+', 'alternatives'],
    ['(?:[a-f]|[0-9a-f]){32}', 'alternatives'],
    ['token=([a-z0-9]+)+;', 'nested quantifier'],
    ['[\\w.-]*([\\w]{20,})', 'quantifiers'],
    // Bounded quantifiers wide enough to hurt: a million splits per start, ten billion nestings.
    ['[a-z]{1,1000}[a-z]{1,1000}x', "quantifiers '[a-z]{1,1000}' and '[a-z]{1,1000}'"],
    ['(?:a{1,10}){1,10}b', "nested quantifier 'a{1,10}'"],
    ['(?:a{1,100}){1,100}', 'nested quantifier'],
  ])('flags %s as unsafe', (pattern, why) => {
    const verdict = checkPatternSafety(pattern, '');
    expect(verdict.safe).toBe(false);
    expect(verdict.reason).toContain(why);
  });

  it.each([
    'ghp_[A-Za-z0-9]{36}',
    '(?<secret>AKIA[0-9A-Z]{16})',
    'key\\s*[:=]\\s*"([^"]+)"',
    '(?:api|key)[\\w-]*\\s*[=:]\\s*[\'"]?([\\w-]{20,})',
    '"(?:\\\\.|[^"\\\\])*"',
    '(ab|a)*c',
    '(?:a|b){3}',
    '-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----',
    'a+b',
    // Bounded and narrow: a constant factor on a linear scan.
    '[a-z]{20,40}[a-z0-9]{20,40}',
    '(?:a{1,10}){1,3}b',
    '-----BEGIN KEY-----[\\s,]{1,12}([A-Za-z0-9+/][A-Za-z0-9+/=\\s]{58,16384}[A-Za-z0-9+/=])[\\s,]{0,12}-----END KEY-----',
  ])('accepts %s', (pattern) => {
    expect(checkPatternSafety(pattern, '')).toEqual({ safe: true });
  });

  it('honours flags: the i flag makes [a-z] and [A-Z] alternatives overlap', () => {
    expect(checkPatternSafety('(?:[a-z]|[A-Z])+x', '').safe).toBe(true);
    expect(checkPatternSafety('(?:[a-z]|[A-Z])+x', 'i').safe).toBe(false);
  });

  it('calls a huge overlapping alternation under repetition too complex, and the linear engine runs it', () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}x`);
    const pattern = `k=((?:${words.join('|')})+);`;
    const verdict = checkPatternSafety(pattern, '');
    expect(verdict).toEqual({ safe: false, reason: expect.stringContaining('too complex to analyse') as string });
    const rule = compileUserRule(spec(pattern));
    expect(matchRule(rule, 'k=word7xword499x;').map((m) => m.secret)).toEqual(['word7xword499x']);
  });

  it('accepts a long alternation whose alternatives start differently', () => {
    const alternatives = Array.from({ length: 300 }, (_, i) => `${String.fromCharCode(0x100 + i)}x`);
    expect(checkPatternSafety(`(?:${alternatives.join('|')})+`, '')).toEqual({ safe: true });
  });

  it('rejects an invalid pattern as RULE_INVALID', () => {
    expect(caught(() => checkPatternSafety('(unclosed', '')).code).toBe('RULE_INVALID');
    expect(caught(() => checkPatternSafety('a', 'x')).code).toBe('RULE_INVALID');
  });
});

describe('linearMatcher', () => {
  it('extracts the secret as compile.ts does: named group, secretGroup, group 1, whole match', () => {
    const text = 'id=ab12 key=SECRETVALUE end';
    expect([...linearMatcher(spec('key=(?<secret>[A-Z]+)')).matchAll(text)].map(strip)).toEqual([
      { start: 8, end: 23, whole: 'key=SECRETVALUE', secret: 'SECRETVALUE', secretStart: 12 },
    ]);
    expect([...linearMatcher(spec('(key)=([A-Z]+)', { secretGroup: 2 })).matchAll(text)][0]?.secret).toBe('SECRETVALUE');
    expect([...linearMatcher(spec('(key)=([A-Z]+)')).matchAll(text)][0]?.secret).toBe('key');
    expect([...linearMatcher(spec('key=[A-Z]+')).matchAll(text)][0]?.secret).toBe('key=SECRETVALUE');
  });

  it('reports offsets in UTF-16 code units, like RegExp', () => {
    const text = '😀 é key=ABC';
    const expected = [...regExpMatcher(spec('key=([A-Z]+)')).matchAll(text)].map(strip);
    expect([...linearMatcher(spec('key=([A-Z]+)')).matchAll(text)].map(strip)).toEqual(expected);
    expect(expected[0]?.start).toBe(text.indexOf('key'));
  });

  it('maps the i, m and s flags', () => {
    expect([...linearMatcher(spec('key', { flags: 'i' })).matchAll('KEY Key')]).toHaveLength(2);
    expect([...linearMatcher(spec('^k', { flags: 'm' })).matchAll('k\nk')]).toHaveLength(2);
    expect([...linearMatcher(spec('^k')).matchAll('k\nk')]).toHaveLength(1);
    expect([...linearMatcher(spec('a.b', { flags: 's' })).matchAll('a\nb')]).toHaveLength(1);
    expect([...linearMatcher(spec('a.b')).matchAll('a\nb')]).toHaveLength(0);
  });

  it('runs captureless lookbehinds', () => {
    expect([...linearMatcher(spec('(?<=token=)[a-z]+')).matchAll('x token=abc')].map((m) => m.secret)).toEqual(['abc']);
  });

  it('refuses what RE2 cannot run', () => {
    const back = caught(() => linearMatcher(spec('(a)\\1')));
    expect(back.code).toBe('RULE_UNSAFE_REGEX');
    expect(back.message).toContain('backreferences');
    expect(caught(() => linearMatcher(spec('a(?=b)'))).message).toContain('lookahead');
  });

  it('agrees with RegExp, including on whitespace, dot, classes and astral characters (property)', () => {
    const patterns: [string, string][] = [
      ['a+b', ''],
      ['k=([ab]{2,4})', ''],
      ['(?<secret>b[ab]*a)', ''],
      ['ab|ba', ''],
      ['a(b+)?a', ''],
      ['k\\s*=\\s*(\\S+)', ''],
      ['k[\\s=]+([^\\s]+)', ''],
      ['a.+?b', ''],
      ['a.+b', 's'],
      ['a[^]b', ''],
      ['a[^]b', 'u'],
      ['a.+?b', 'u'],
      ['k\\s*=\\s*(\\S+)', 'u'],
      ['a[]|b', ''],
      ['\\bk\\w*', ''],
      ['😀+|[😀]', 'u'],
      ['😀', ''],
      ['K=(\\w{2})', 'i'],
      ['^k|b$', 'm'],
      ['(?<=k)[ab]+', ''],
      ['(?<!a)b', ''],
      ['[\\d\\x41-\\x43]+', ''],
      ['\\u00a0|\\x3d\\/', ''],
    ];
    const text = fc
      .array(fc.constantFrom('a', 'b', 'k', 'K', 'A', '=', ' ', '\u00a0', '\t', '\n', '\u2028', '😀', '/', '1'), { maxLength: 30 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...patterns), text, ([pattern, flags], generated) => {
        // Documented differences: in multiline mode RE2 knows only \n as a line end; without the
        // u flag JavaScript's `.` and negated classes match half of an astral character.
        let sample = flags.includes('m') ? generated.replace(/\u2028/g, '\n') : generated;
        if (!flags.includes('u') && pattern !== '😀') sample = sample.replace(/😀/g, 'é');
        const rule = spec(pattern, flags === '' ? {} : { flags });
        expect([...linearMatcher(rule).matchAll(sample)].map(strip)).toEqual([...regExpMatcher(rule).matchAll(sample)].map(strip));
      }),
      { numRuns: 1000 },
    );
  });

  it('translates from the parsed pattern, not by rewriting text', () => {
    expect(toRe2Source('(?<secret>a\\sb)')).toBe('(?P<secret>a[\\x{9}-\\x{d}\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}-\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]b)');
    expect(toRe2Source('a.b')).toBe('a[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]b');
    expect(toRe2Source('x{2,}?')).toBe('x{2,}?');
    expect(caught(() => linearMatcher(spec('\\p{Script_Extensions=Greek}', { flags: 'u' }))).message).toContain('uses the property');
  });
});

describe('compileUserRule', () => {
  it('runs a safe pattern', () => {
    const rule = compileUserRule(spec('tok_([a-z0-9]{8})', { allowlist: { stopwords: ['example'] } }));
    expect(matchRule(rule, 'x = tok_ab12cd34').map((m) => m.secret)).toEqual(['ab12cd34']);
  });

  // Timing-free proof that flagged patterns run on the linear engine: on V8 each of these inputs
  // would take longer than the age of the universe, so completing at all is the evidence.
  it.each([
    ['(a+)+b', 'a'.repeat(50_000), []],
    ['(a+)+b', `${'a'.repeat(50_000)}b`, [`${'a'.repeat(50_000)}b`]],
    ['secret=(\\w+\\s?)*;', `secret=${'word '.repeat(10_000)}!`, []],
    ['(a|a)*c', 'a'.repeat(50_000), []],
    ['x\\w*\\w*\\w*\\w*y', `x${'z'.repeat(50_000)}`, []],
  ])('runs unsafe %s on the linear engine and finishes a 50k-character attack', (pattern, text, expected) => {
    expect(checkPatternSafety(pattern, '').safe).toBe(false);
    const rule = compileUserRule(spec(pattern));
    expect(text.length).toBeGreaterThanOrEqual(50_000);
    expect(matchRule(rule, text).map((m) => m.whole)).toEqual(expected);
  });

  it('refuses an unsafe pattern that needs backtracking, naming the reason and the feature', () => {
    const error = caught(() => compileUserRule(spec('(\\w+)+=\\1', { id: 'my-rule' })));
    expect(error.code).toBe('RULE_UNSAFE_REGEX');
    expect(error.message).toMatch(/^rule 'my-rule': pattern could backtrack catastrophically \(.+\) and cannot run on the linear-time engine \(uses backreferences\)$/);
    const ahead = caught(() => compileUserRule(spec('(a+)+(?=b)')));
    expect(ahead.code).toBe('RULE_UNSAFE_REGEX');
    expect(ahead.message).toContain('uses lookahead');
  });

  it('allows backreferences and lookahead in a safe pattern (they run on RegExp)', () => {
    const rule = compileUserRule(spec('(["\'])([a-z]{4})\\1(?=;)', { secretGroup: 2 }));
    expect(matchRule(rule, `x = "abcd"; y = 'wxyz';`).map((m) => m.secret)).toEqual(['abcd', 'wxyz']);
  });

  it('refuses an unsafe allowlist pattern', () => {
    const error = caught(() => compileUserRule(spec('tok_[a-z]{8}', { allowlist: { secretPatterns: ['^(x+)+$'] } })));
    expect(error.code).toBe('RULE_UNSAFE_REGEX');
    expect(error.message).toContain('allowlist secret pattern');
  });

  it('reports invalid patterns and flags as RULE_INVALID with the rule id', () => {
    const bad = caught(() => compileUserRule(spec('([a-z]', { id: 'broken' })));
    expect(bad.code).toBe('RULE_INVALID');
    expect(bad.message).toContain("rule 'broken'");
    expect(caught(() => compileUserRule(spec('a', { flags: 'g' }))).code).toBe('RULE_INVALID');
    const allow = caught(() => compileUserRule(spec('a', { allowlist: { pathPatterns: ['['] } })));
    expect(allow.code).toBe('RULE_INVALID');
    expect(allow.message).toContain('allowlist path pattern');
  });
});
