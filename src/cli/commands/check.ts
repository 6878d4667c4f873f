import { parseCommandArgs } from '../args.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type Command } from '../types.js';
import { emitReport, failingFindings, SCAN_FLAGS, SCAN_FLAGS_HELP, scanWithFlags } from './scan.js';

/**
 * `check` runs every gate that exists, in order, over one directory. Each gate is a function that
 * reports whether it passed; later gates (artifacts, fingerprints, policy) are added to GATES.
 */
interface GateResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail: string;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'run every gate (today: the secret scan) over a directory, for pre-push and CI',
  help: `Usage: leakproof check [PATH] [options]

Runs every leakproof gate over PATH (default: the current directory) and fails if any fails.
Gates today: scan (secrets in the working tree).

${SCAN_FLAGS_HELP}

Exit codes: 0 every gate passed, 1 a gate failed, 2 usage, configuration or input error.`,
  async run(args, io) {
    const parsed = parseCommandArgs('check', args, SCAN_FLAGS);
    const targets = parsed.positionals.length === 0 ? ['.'] : parsed.positionals;
    const gates: GateResult[] = [];

    const { report, prepared, hostile } = await scanWithFlags(parsed, targets, io);
    await emitReport(report, prepared, io);
    const failing = failingFindings(report, prepared.failOn);
    gates.push({
      name: 'scan',
      passed: failing === 0,
      detail: failing === 0 ? `no findings at or above ${prepared.failOn}` : `${failing} finding${failing === 1 ? '' : 's'} at or above ${prepared.failOn}`,
    });

    const failed = gates.filter((g) => !g.passed);
    if (!prepared.quiet) {
      for (const g of gates) io.stderr.write(`leakproof check: ${g.name}: ${g.passed ? 'passed' : 'FAILED'} (${g.detail})\n`);
    }
    if (hostile.length > 0) return EXIT_ERROR;
    return failed.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
