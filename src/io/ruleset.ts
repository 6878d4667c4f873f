import { compileRule } from '../engines/secrets/compile.js';
import { GENERIC_RULES } from '../engines/secrets/generic.js';
import { builtinRules } from '../engines/secrets/rules/index.js';
import { SecretScanner } from '../engines/secrets/scanner.js';
import { LeakproofError } from '../errors.js';
import type { LoadedConfig } from './config.js';
import { applyRuleConfig } from './rule-config.js';

function compileAllowPattern(source: string, where: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error) {
    throw new LeakproofError('CONFIG_INVALID', `${where}: not a valid regular expression: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The scanner a configuration asks for: built-in rules (trusted, compiled as they are), user rules
 * (through the backtracking-safety policy), the generic rules, and the global allowlist.
 */
export async function scannerFromConfig(config: LoadedConfig, extraDisabled: readonly string[] = []): Promise<SecretScanner> {
  const disabled = new Set(extraDisabled);
  const genericIds = new Set(GENERIC_RULES.map((r) => r.id));
  const userIds = new Set(config.rules.map((r) => r.id));
  const all = applyRuleConfig([...builtinRules, ...GENERIC_RULES], config).filter((r) => !disabled.has(r.id));
  // The safety analysis pulls in a regex parser and an automata library: load it only for user rules.
  const safety = userIds.size > 0 ? await import('../engines/secrets/regex-safety.js') : undefined;
  const compiled = all
    .filter((r) => !genericIds.has(r.id))
    .map((r) => (safety !== undefined && userIds.has(r.id) ? safety.compileUserRule(r) : compileRule(r)));
  const where = config.source ?? 'allowlist';
  return new SecretScanner(compiled, {
    decode: config.decode,
    generic: all.filter((r) => genericIds.has(r.id)),
    allowlist: {
      paths: config.allowlist.paths.map((p, i) => compileAllowPattern(p, `${where}: allowlist.paths[${i}]`)),
      secrets: config.allowlist.secrets.map((p, i) => compileAllowPattern(p, `${where}: allowlist.secrets[${i}]`)),
      stopwords: config.allowlist.stopwords.map((w) => w.toLowerCase()),
    },
  });
}
