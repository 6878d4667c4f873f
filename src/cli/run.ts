import { Readable } from 'node:stream';
import { isLeakproofError } from '../errors.js';
import { VERSION } from '../version.js';
import { commands } from './commands/index.js';
import { EXIT_ERROR, EXIT_OK, type CommandIO, type OutputSink, type RunResult } from './types.js';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly stdin?: Readable;
  /** Pretend stdout/stderr are terminals (tests of colour and progress output). */
  readonly stdoutIsTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  /** Receive output as it is produced instead of only in the result (used by bin.ts). */
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
}

function sink(isTTY: boolean, chunks: string[], forward: ((text: string) => void) | undefined): OutputSink {
  return {
    isTTY,
    write(text: string) {
      if (forward) forward(text);
      else chunks.push(text);
    },
  };
}

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `leakproof ${VERSION}: stop source code and secrets from leaking`,
    '',
    'Usage: leakproof <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `leakproof <command> --help` for the options of a command.',
    'Exit codes: 0 clean, 1 findings or a gate failed, 2 usage, configuration or input error.',
    '',
  ].join('\n');
}

/** Runs the CLI in-process. Never throws and never calls process.exit. */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = {
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? process.env,
    stdin: options.stdin ?? Readable.from([]),
    stdout: sink(options.stdoutIsTTY ?? false, out, options.onStdout),
    stderr: sink(options.stderrIsTTY ?? false, err, options.onStderr),
  };
  const exitCode = await dispatch(argv, io);
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

async function dispatch(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name === undefined ? EXIT_ERROR : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`leakproof: unknown command '${name}'. Run \`leakproof --help\` for the list.\n`);
    return EXIT_ERROR;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help.endsWith('\n') ? command.help : `${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (isLeakproofError(error)) {
      io.stderr.write(`leakproof: ${error.oneLine()}\n`);
      return EXIT_ERROR;
    }
    // An unexpected failure is still one readable line and exit 2; the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`leakproof: internal error: ${message.split('\n')[0] ?? ''}\n`);
    if (io.env['LEAKPROOF_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}
