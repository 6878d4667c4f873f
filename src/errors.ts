/**
 * Every failure leakproof reports to a user is a LeakproofError with a stable `code`.
 * Tests assert the code; the message is for people and may be reworded.
 * The CLI maps any LeakproofError to exit code 2 and prints `leakproof: <message>` on one line.
 */
export type ErrorCode =
  | 'USAGE'
  | 'CONFIG_INVALID'
  | 'CONFIG_PARSE'
  | 'RULE_INVALID'
  | 'RULE_UNSAFE_REGEX'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'INPUT_TOO_LARGE'
  | 'ARCHIVE_CORRUPT'
  | 'ARCHIVE_BOMB'
  | 'ARCHIVE_TRAVERSAL'
  | 'ARCHIVE_LIMIT'
  | 'SYMLINK_LOOP'
  | 'BASELINE_INVALID'
  | 'IGNORE_FILE_INVALID'
  | 'OUTPUT_FAILED'
  | 'GIT_FAILED'
  | 'NOT_A_GIT_REPO'
  | 'LEDGER_CORRUPT'
  | 'LEDGER_LOCKED'
  | 'LEDGER_FORK'
  | 'PROOF_INVALID'
  | 'SIGNATURE_INVALID'
  | 'KEY_INVALID'
  | 'INDEX_INVALID';

export class LeakproofError extends Error {
  readonly code: ErrorCode;
  /** Where the problem is: a file path, an archive entry (`a.tgz!package/x`), a config key path. */
  readonly where: string | undefined;

  constructor(code: ErrorCode, message: string, options: { where?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LeakproofError';
    this.code = code;
    this.where = options.where;
  }

  /** One readable line: `<where>: <message>` when a location is known. */
  oneLine(): string {
    const text = this.message.replace(/\s*\n\s*/g, '; ');
    return this.where === undefined ? text : `${this.where}: ${text}`;
  }
}

export function isLeakproofError(value: unknown): value is LeakproofError {
  return value instanceof LeakproofError;
}
