/**
 * The audit log every leakproof command (and the server) records through.
 *
 *   const audit = await openAuditLog({ dir, keyFile, actor });
 *   await audit.record({ action: 'scan.run', object: 'repo', details: { findings: 3 } });
 *   await audit.close();
 *
 * Events are appended to the integrity ledger as canonical audit-event entries; `record` resolves
 * once the event is durable and covered by a signed checkpoint, and concurrent records share one
 * batch. With no `dir` the log is disabled and `record` costs nothing, so callers never branch.
 * The ledger is opened on the first record only. Details must never hold a secret in clear: pass
 * rule ids, counts, paths and redacted previews (first 4 characters + `…`).
 */
import { userInfo } from 'node:os';
import path from 'node:path';
import { LeakproofError, isLeakproofError } from '../errors.js';
import { encodeAuditEvent, type DetailValue } from '../engines/ledger/entries.js';
import { DEFAULT_KEY_FILE } from './ledger/keys.js';
import { loadSigner } from './ledger/keys.js';
import { LogWriter } from './ledger/tlog.js';

export interface AuditEventInput {
  /** Dotted verb, e.g. `scan.run`, `finding.reported`, `policy.decision`, `incident.action`, `http.access`. */
  readonly action: string;
  /** What the action was about: a repository, a path, a finding fingerprint, a URL path. */
  readonly object: string;
  readonly details?: Readonly<Record<string, DetailValue>>;
  /** Overrides the log's default actor for this event (the server passes the authenticated user). */
  readonly actor?: string;
}

export interface AuditLog {
  readonly enabled: boolean;
  record(event: AuditEventInput): Promise<void>;
  /** Waits for pending records and releases the ledger lock. */
  close(): Promise<void>;
}

export interface AuditOptions {
  /** Ledger directory; undefined disables auditing. */
  readonly dir?: string | undefined;
  /** Signing key file (default `.leakproof/ledger.key` beside the working directory). */
  readonly keyFile?: string | undefined;
  readonly actor?: string | undefined;
  readonly cwd?: string;
  /** Clock, injectable for tests. */
  readonly now?: () => Date;
  /** How long to wait for another writer to release the ledger (default 10 s). */
  readonly lockWaitMs?: number;
}

const disabled: AuditLog = {
  enabled: false,
  record: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

/** Auditing options from a command's flags and environment: `--log DIR`, else `LEAKPROOF_AUDIT_LOG`. */
export function auditOptionsFrom(flags: { log?: string | undefined; key?: string | undefined }, cwd: string, env: Readonly<Record<string, string | undefined>>): AuditOptions {
  const dir = flags.log ?? env['LEAKPROOF_AUDIT_LOG'];
  const keyFile = flags.key ?? env['LEAKPROOF_AUDIT_KEY'];
  return { dir: dir === undefined || dir === '' ? undefined : path.resolve(cwd, dir), keyFile: keyFile === undefined ? undefined : path.resolve(cwd, keyFile), actor: env['LEAKPROOF_ACTOR'], cwd };
}

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function openWriter(dir: string, keyFile: string, waitMs: number): Promise<LogWriter> {
  const key = await loadSigner(keyFile);
  const deadline = Date.now() + waitMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    try {
      return await LogWriter.open(dir, { key });
    } catch (error) {
      // Another command is writing: audit events wait their turn rather than being dropped.
      if (!isLeakproofError(error) || error.code !== 'LEDGER_LOCKED' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export function openAuditLog(options: AuditOptions = {}): Promise<AuditLog> {
  const dir = options.dir;
  if (dir === undefined) return Promise.resolve(disabled);
  const cwd = options.cwd ?? process.cwd();
  const keyFile = options.keyFile ?? path.resolve(cwd, DEFAULT_KEY_FILE);
  const actor = options.actor ?? defaultActor();
  const now = options.now ?? (() => new Date());
  let writer: Promise<LogWriter> | undefined;
  let closed = false;
  const log: AuditLog = {
    enabled: true,
    async record(event) {
      if (closed) throw new LeakproofError('OUTPUT_FAILED', 'the audit log is closed');
      const entry = encodeAuditEvent({ time: now().toISOString(), actor: event.actor ?? actor, action: event.action, object: event.object, details: event.details ?? {} });
      writer ??= openWriter(dir, keyFile, options.lockWaitMs ?? 10_000);
      await (await writer).append(entry);
    },
    async close() {
      closed = true;
      if (writer) await (await writer).close();
    },
  };
  return Promise.resolve(log);
}
