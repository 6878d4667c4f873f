import { GENERIC_RULES } from '../../engines/secrets/generic.js';
import { builtinRules } from '../../engines/secrets/rules/index.js';
import { LeakproofError } from '../../errors.js';
import { boolFlag, parseCommandArgs } from '../args.js';
import { EXIT_OK, type Command } from '../types.js';

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the built-in detection rules',
  help: `Usage: leakproof rules list [--json]

Lists every built-in rule with its id, severity and description.`,
  run(args, io) {
    const parsed = parseCommandArgs('rules', args, { json: { type: 'boolean' } });
    const [sub] = parsed.positionals;
    if (sub !== 'list') throw new LeakproofError('USAGE', `rules: expected 'list' (got ${JSON.stringify(sub ?? '')})`);
    const all = [...builtinRules, ...GENERIC_RULES];
    if (boolFlag(parsed, 'json')) {
      const rows = all.map((r) => ({ id: r.id, severity: r.severity, description: r.description, keywords: r.keywords, remedy: r.remedy ?? null }));
      io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      const width = Math.max(...all.map((r) => r.id.length));
      for (const r of all) io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.description}\n`);
      io.stdout.write(`${all.length} rules\n`);
    }
    return Promise.resolve(EXIT_OK);
  },
};
