/**
 * Applying a configuration's rule settings to a rule list. Kept apart from config.ts so that
 * scan worker threads can build their scanner without loading the schema validator and YAML parser.
 */
import type { RuleAllowlist, RuleSpec } from '../engines/secrets/types.js';
import { LeakproofError } from '../errors.js';
import type { LeakproofConfig, LoadedConfig, UserRuleConfig } from './config.js';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

export function invalid(issues: readonly string[], where: string): LeakproofError {
  return new LeakproofError('CONFIG_INVALID', [...new Set(issues)].join('\n'), { where });
}

export function userRuleToSpec(rule: UserRuleConfig): RuleSpec {
  return { ...rule, examples: { match: [], noMatch: [] } };
}

/** The user rules as RuleSpecs (without examples), ready for `compileUserRule`. */
export function userRulesToSpecs(config: LeakproofConfig): RuleSpec[] {
  return config.rules.map(userRuleToSpec);
}

function mergeAllowlists(base: RuleAllowlist | undefined, extra: RuleAllowlist): RuleAllowlist {
  const join = (a: readonly string[] | undefined, b: readonly string[] | undefined): string[] => [...(a ?? []), ...(b ?? [])];
  return {
    secretPatterns: join(base?.secretPatterns, extra.secretPatterns),
    stopwords: join(base?.stopwords, extra.stopwords),
    pathPatterns: join(base?.pathPatterns, extra.pathPatterns),
    matchPatterns: join(base?.matchPatterns, extra.matchPatterns),
  };
}

/**
 * The rule set a scan runs: the built-in rules plus the user rules, minus `disableRules`, with
 * `ruleOverrides` applied. A user rule reusing a built-in id, or an id in disableRules/ruleOverrides
 * that names no rule, is a CONFIG_INVALID (a typo there would otherwise silently do nothing).
 */
export function applyRuleConfig(builtin: readonly RuleSpec[], config: LoadedConfig): RuleSpec[] {
  const where = config.source ?? '(defaults)';
  const issues: string[] = [];
  const builtinIds = new Set(builtin.map((r) => r.id));
  config.rules.forEach((rule, i) => {
    if (builtinIds.has(rule.id)) issues.push(`rules[${i}].id: '${rule.id}' is a built-in rule id (use ruleOverrides to change a built-in rule)`);
  });
  const all = [...builtin, ...userRulesToSpecs(config)];
  const ids = [...new Set(all.map((r) => r.id))];
  const unknown = (path: string, id: string): void => {
    const hint = closest(id, ids);
    issues.push(`${path}: no rule has id '${id}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`);
  };
  config.disableRules.forEach((id, i) => {
    if (!ids.includes(id)) unknown(`disableRules[${i}]`, id);
  });
  for (const id of config.ruleOverrides.keys()) if (!ids.includes(id)) unknown(`ruleOverrides.${id}`, id);
  if (issues.length > 0) throw invalid(issues, where);

  const disabled = new Set(config.disableRules);
  return all
    .filter((rule) => !disabled.has(rule.id))
    .map((rule) => {
      const override = config.ruleOverrides.get(rule.id);
      if (override === undefined) return rule;
      return {
        ...rule,
        ...(override.severity === undefined ? {} : { severity: override.severity }),
        ...(override.allowlist === undefined ? {} : { allowlist: mergeAllowlists(rule.allowlist, override.allowlist) }),
      };
    });
}
