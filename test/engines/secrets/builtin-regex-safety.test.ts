import { describe, expect, it } from 'vitest';
import { GENERIC_RULES } from '../../../src/engines/secrets/generic.js';
import { checkPatternSafety } from '../../../src/engines/secrets/regex-safety.js';
import { builtinRules } from '../../../src/engines/secrets/rules/index.js';
import type { RuleSpec } from '../../../src/engines/secrets/types.js';

/** Every regex a built-in rule runs on V8: its pattern and its allowlist patterns. */
function patternsOf(rule: RuleSpec): { what: string; source: string; flags: string }[] {
  const allow = rule.allowlist ?? {};
  return [
    { what: 'pattern', source: rule.pattern, flags: rule.flags ?? '' },
    ...(allow.secretPatterns ?? []).map((source) => ({ what: 'allowlist secret pattern', source, flags: '' })),
    ...(allow.matchPatterns ?? []).map((source) => ({ what: 'allowlist match pattern', source, flags: '' })),
    ...(allow.pathPatterns ?? []).map((source) => ({ what: 'allowlist path pattern', source, flags: '' })),
  ];
}

const allRules = [...builtinRules, ...GENERIC_RULES];

describe('built-in rules cannot backtrack catastrophically', () => {
  it('has rules to check', () => {
    expect(allRules.length).toBeGreaterThan(0);
  });

  it.each(allRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const unsafe = patternsOf(rule)
      .map((p) => ({ ...p, verdict: checkPatternSafety(p.source, p.flags) }))
      .filter((p) => !p.verdict.safe)
      .map((p) => `${p.what} /${p.source}/: ${p.verdict.reason ?? ''}`);
    expect(unsafe).toEqual([]);
  });
});
