import { describe, expect, it } from 'vitest';
import { compileRule, matchRule } from '../../../src/engines/secrets/compile.js';
import { builtinRules } from '../../../src/engines/secrets/rules/index.js';
import { SecretScanner } from '../../../src/engines/secrets/scanner.js';

const scanner = SecretScanner.fromSpecs(builtinRules);

const ruleIds = builtinRules.map((r) => r.id);

describe('built-in rules: shape', () => {
  it('have unique kebab-case ids', () => {
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    for (const id of ruleIds) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s has description, keywords and examples', (_id, rule) => {
    expect(rule.description.length).toBeGreaterThan(10);
    // A rule chosen by path (RuleSpec.paths) may have no keyword; every other rule needs one for the prefilter.
    if (rule.paths === undefined) expect(rule.keywords.length).toBeGreaterThan(0);
    for (const k of rule.keywords) {
      expect(k).toBe(k.toLowerCase());
      expect(k.length).toBeGreaterThanOrEqual(3);
    }
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });
});

describe('built-in rules: examples', () => {
  it.each(builtinRules.map((r) => [r.id, r] as const))('%s fires on its true examples and not on its false ones', (_id, spec) => {
    const rule = compileRule(spec);
    const path = spec.examples.path ?? '';
    for (const text of spec.examples.match) {
      const lower = text.toLowerCase();
      // The prefilter runs a rule only where one of its keywords occurs (or, for path rules, on its paths).
      if (spec.paths === undefined) expect(spec.keywords.some((k) => lower.includes(k)), `no keyword of ${spec.id} in: ${text.slice(0, 60)}`).toBe(true);
      expect(matchRule(rule, text, path).length, `${spec.id} should match: ${text.slice(0, 60)}`).toBeGreaterThan(0);
    }
    for (const text of spec.examples.noMatch) {
      expect(matchRule(rule, text, path), `${spec.id} should not match: ${text.slice(0, 60)}`).toEqual([]);
    }
  });

  it.each(builtinRules.map((r) => [r.id, r] as const))('%s examples behave the same through the whole scanner', (_id, spec) => {
    // Prefilter, keyword windows, global placeholder filters and overlap resolution all sit between
    // a rule and a finding; a true example must survive them (possibly named by a more specific rule).
    const path = spec.examples.path ?? 'example.txt';
    for (const text of spec.examples.match) {
      expect(scanner.scanText(path, text).length, `${spec.id}: nothing found in ${text.slice(0, 60)}`).toBeGreaterThan(0);
    }
    for (const text of spec.examples.noMatch) {
      const ids = scanner.scanText(path, text).map((h) => h.rule.id);
      expect(ids, `${spec.id} fired on: ${text.slice(0, 60)}`).not.toContain(spec.id);
    }
  });
});
