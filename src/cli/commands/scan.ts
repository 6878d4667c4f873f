import { severityRank, type ScanReport, type Severity } from '../../engines/secrets/types.js';
import { LeakproofError, type ErrorCode } from '../../errors.js';
import { loadConfig, type LoadedConfig } from '../../io/config.js';
import { auditOptionsFrom, openAuditLog } from '../../io/audit.js';
import { writeFileAtomic } from '../../io/output.js';
import { scannerFromConfig } from '../../io/ruleset.js';
import { runSecretScan } from '../../io/scan.js';
import { defaultThreads } from '../../io/scan-pool.js';
import { loadBaseline, loadIgnoreFile } from '../../io/suppressions.js';
import { formatReport, parseFormat, type FormatName } from '../../report/index.js';
import { boolFlag, listFlag, parseCommandArgs, parsePositiveInt, parseSeverity, parseSize, stringFlag, useColor, type ParsedCommandArgs } from '../args.js';
import { Progress } from '../progress.js';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type Command, type CommandIO } from '../types.js';
import { pathToFileURL } from 'node:url';

/** Flags shared by every command that runs the secret scan (`scan`, `check`). */
export const SCAN_FLAGS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  'fail-on': { type: 'string' },
  config: { type: 'string', short: 'c' },
  baseline: { type: 'string' },
  'ignore-file': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'disable-rule': { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'no-decode': { type: 'boolean' },
  'decode-depth': { type: 'string' },
  'max-file-size': { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  quiet: { type: 'boolean', short: 'q' },
  threads: { type: 'string' },
  'audit-log': { type: 'string' },
  'audit-key': { type: 'string' },
} as const;

export const SCAN_FLAGS_HELP = `Options:
  -f, --format FORMAT     text (default), json, sarif or junit
  -o, --output FILE       write the report to FILE (atomically) instead of standard output
      --fail-on SEVERITY  exit 1 only for findings at or above: info, low (default), medium, high, critical
  -c, --config FILE       configuration file (default: leakproof.config.json|yaml in the current directory)
      --baseline FILE     a previous JSON report: report only findings that are not in it
      --ignore-file FILE  fingerprints to ignore (default: .leakproofignore in the current directory)
      --exclude PATTERN   gitignore-style pattern to skip (repeatable)
      --disable-rule ID   turn a rule off (repeatable)
      --no-gitignore      scan files that .gitignore excludes
      --no-decode         do not look inside base64, hex and percent-encoded strings
      --decode-depth N    how many encodings deep to look (default 2)
      --max-file-size SZ  skip larger files (default 64MiB; e.g. 10MiB)
      --follow-symlinks   follow symbolic links (loops are detected)
      --color, --no-color force or disable colours (default: on a terminal, unless NO_COLOR is set)
  -v, --verbose           show remedies and every location
  -q, --quiet             no progress display and no warnings
      --threads N         scanner threads (default: 1 below four cores, else cores - 1)
      --audit-log DIR     record the scan and each finding (redacted) in the integrity ledger at DIR
                          (also LEAKPROOF_AUDIT_LOG; signing key: --audit-key FILE or LEAKPROOF_AUDIT_KEY)`;

export interface PreparedScan {
  readonly config: LoadedConfig;
  readonly format: FormatName;
  readonly failOn: Severity;
  readonly output: string | undefined;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly quiet: boolean;
}

/** Runs the secret scan described by parsed flags over `targets` and returns the report. */
/**
 * Archives found inside the scanned tree that are hostile (bombs, `../` paths) could not be scanned
 * and may be an attack themselves: the scan still reports what it found elsewhere, then exits 2.
 */
const HOSTILE_SKIPS: ReadonlySet<ErrorCode> = new Set(['ARCHIVE_BOMB', 'ARCHIVE_TRAVERSAL']);

export interface ScanOutcome {
  readonly report: ScanReport;
  readonly prepared: PreparedScan;
  /** Inputs that could not be scanned because they are hostile; non-empty means exit 2. */
  readonly hostile: readonly string[];
}

export async function scanWithFlags(parsed: ParsedCommandArgs, targets: readonly string[], io: CommandIO): Promise<ScanOutcome> {
  const configPath = stringFlag(parsed, 'config');
  const config = await loadConfig(io.cwd, configPath);
  const formatFlag = stringFlag(parsed, 'format');
  const failOnFlag = stringFlag(parsed, 'fail-on');
  const decodeDepth = stringFlag(parsed, 'decode-depth');
  const maxFileSize = stringFlag(parsed, 'max-file-size');
  const effective: LoadedConfig = {
    ...config,
    decode: {
      enabled: boolFlag(parsed, 'no-decode') ? false : config.decode.enabled,
      maxDepth: decodeDepth === undefined ? config.decode.maxDepth : parsePositiveInt(decodeDepth, '--decode-depth', { max: 5 }),
    },
  };
  const color = useColor(io.env, io.stdout.isTTY, boolFlag(parsed, 'no-color') ? false : boolFlag(parsed, 'color') ? true : undefined);
  const prepared: PreparedScan = {
    config: effective,
    format: formatFlag === undefined ? config.format : parseFormat(formatFlag),
    failOn: failOnFlag === undefined ? config.failOn : parseSeverity(failOnFlag, '--fail-on'),
    output: stringFlag(parsed, 'output'),
    color: stringFlag(parsed, 'output') === undefined ? color : false,
    verbose: boolFlag(parsed, 'verbose'),
    quiet: boolFlag(parsed, 'quiet'),
  };
  const scanner = await scannerFromConfig(effective, listFlag(parsed, 'disable-rule'));
  const suppressed = new Set<string>((await loadIgnoreFile(io.cwd, stringFlag(parsed, 'ignore-file'))).fingerprints);
  const baseline = stringFlag(parsed, 'baseline');
  if (baseline !== undefined) for (const fp of await loadBaseline(baseline, io.cwd)) suppressed.add(fp);

  const threadsFlag = stringFlag(parsed, 'threads');
  const progress = new Progress(io.stderr, io.stderr.isTTY && !prepared.quiet);
  const hostile: string[] = [];
  const warn = (path: string, reason: string, code: ErrorCode | undefined): void => {
    if (code === undefined) return;
    if (HOSTILE_SKIPS.has(code)) {
      hostile.push(path);
      progress.done();
      io.stderr.write(`leakproof: ${path}: ${reason}\n`);
      return;
    }
    if (prepared.quiet) return;
    progress.done();
    io.stderr.write(`leakproof: warning: ${path}: ${reason}\n`);
  };
  try {
    const report = await runSecretScan({
      targets: targets.length === 0 ? ['.'] : targets,
      scanner,
      suppressed,
      input: {
        cwd: io.cwd,
        excludes: [...effective.exclude, ...listFlag(parsed, 'exclude')],
        respectGitignore: boolFlag(parsed, 'no-gitignore') ? false : effective.respectGitignore,
        maxFileBytes: maxFileSize === undefined ? effective.maxFileSize : parseSize(maxFileSize, '--max-file-size'),
        archives: {
          maxEntries: effective.archives.maxEntries,
          maxTotalBytes: effective.archives.maxTotalSize,
          maxEntryBytes: effective.archives.maxEntrySize,
          maxDepth: effective.archives.maxDepth,
        },
        stdin: io.stdin,
        followSymlinks: boolFlag(parsed, 'follow-symlinks'),
      },
      threads: threadsFlag === undefined ? defaultThreads() : parsePositiveInt(threadsFlag, '--threads', { min: 1, max: 64 }),
      workerSetup: { config: effective, disabled: listFlag(parsed, 'disable-rule') },
      onFile: (_path, bytes) => progress.tick(bytes),
      onSkip: warn,
    });
    await recordScanAudit(parsed, io, targets, report);
    return { report, prepared, hostile };
  } finally {
    progress.done();
  }
}

/** Audit trail: one `scan.run` event and one `finding.reported` event per finding; never a secret. */
async function recordScanAudit(parsed: ParsedCommandArgs, io: CommandIO, targets: readonly string[], report: ScanReport): Promise<void> {
  const options = auditOptionsFrom({ log: stringFlag(parsed, 'audit-log'), key: stringFlag(parsed, 'audit-key') }, io.cwd, io.env);
  if (options.dir === undefined) return;
  const audit = await openAuditLog(options);
  try {
    const bySeverity: Record<string, number> = {};
    for (const f of report.findings) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    const events = [
      audit.record({
        action: 'scan.run',
        object: targets.length === 0 ? '.' : targets.join(' '),
        details: {
          files: report.summary.filesScanned,
          bytes: report.summary.bytesScanned,
          findings: report.findings.length,
          suppressed: report.summary.suppressed,
          ...Object.fromEntries(Object.entries(bySeverity).map(([k, v]) => [`severity.${k}`, v])),
        },
      }),
      ...report.findings.map((f) =>
        audit.record({
          action: 'finding.reported',
          object: f.fingerprint,
          details: { rule: f.ruleId, severity: f.severity, path: f.location.path, line: f.location.line, preview: f.redacted, locations: f.locations.length },
        }),
      ),
    ];
    await Promise.all(events);
  } finally {
    await audit.close();
  }
}

export function failingFindings(report: ScanReport, failOn: Severity): number {
  const floor = severityRank(failOn);
  return report.findings.filter((f) => severityRank(f.severity) >= floor).length;
}

/** Formats and writes a report where the flags say; returns nothing, throws OUTPUT_FAILED on write errors. */
export async function emitReport(report: ScanReport, prepared: PreparedScan, io: CommandIO): Promise<void> {
  const text = formatReport(report, prepared.format, {
    color: prepared.color,
    verbose: prepared.verbose,
    cwdUri: pathToFileURL(io.cwd.endsWith('/') ? io.cwd : `${io.cwd}/`).href,
  });
  if (prepared.output === undefined) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  else await writeFileAtomic(prepared.output.startsWith('/') ? prepared.output : `${io.cwd}/${prepared.output}`, text);
}

export const scanCommand: Command = {
  name: 'scan',
  summary: 'find secrets in files, directories, archives and standard input',
  help: `Usage: leakproof scan [PATH...] [options]

Finds secrets in files, directories (honouring .gitignore), standard input (-) and
archives (.tgz, .tar, .tar.gz, .zip, nested), and never prints a secret in clear.
With no PATH, scans the current directory.

${SCAN_FLAGS_HELP}

Exit codes: 0 no findings at or above --fail-on, 1 findings, 2 usage, configuration or input error
(including a hostile archive found inside the tree: a bomb or an entry with a ../ path).`,
  async run(args, io) {
    const parsed = parseCommandArgs('scan', args, SCAN_FLAGS);
    const { report, prepared, hostile } = await scanWithFlags(parsed, parsed.positionals, io);
    await emitReport(report, prepared, io);
    if (hostile.length > 0) return EXIT_ERROR;
    return failingFindings(report, prepared.failOn) > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

export function assertNoPositionals(parsed: ParsedCommandArgs, command: string): void {
  if (parsed.positionals.length > 0) throw new LeakproofError('USAGE', `${command}: unexpected argument ${JSON.stringify(parsed.positionals[0])}`);
}
