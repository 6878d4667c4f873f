/**
 * The CLI is testable in-process: `run(argv, io)` resolves to `{ exitCode, stdout, stderr }`.
 * Commands write through `CommandIO` and never touch process.stdout/exit directly.
 */
import type { Readable } from 'node:stream';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export interface OutputSink {
  write(text: string): void;
  /** True when this sink is an interactive terminal (colours, progress bars). */
  readonly isTTY: boolean;
}

export interface CommandIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable;
  readonly stdout: OutputSink;
  readonly stderr: OutputSink;
}

export interface Command {
  readonly name: string;
  /** One line for `leakproof --help`. */
  readonly summary: string;
  /** Full help text for `leakproof <name> --help`. */
  readonly help: string;
  run(args: readonly string[], io: CommandIO): Promise<number>;
}

export interface RunResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}
