/**
 * The scan pipeline: inputs (files, directories, archives, stdin) → secret scanner → findings.
 * Shared by `scan`, `check` and later gates, so every entry point scans the same way.
 */
import { FindingCollector } from '../engines/secrets/findings.js';
import type { SecretScanner } from '../engines/secrets/scanner.js';
import type { RuleInfo, ScanReport } from '../engines/secrets/types.js';
import { VERSION } from '../version.js';
import type { ErrorCode } from '../errors.js';
import { readInputs, type InputOptions } from './inputs.js';
import { AdaptiveExecutor } from './scan-pool.js';
import type { WorkerSetup } from './scan-worker.js';
import type { RawHit } from '../engines/secrets/scanner.js';

export interface ScanRequest {
  readonly targets: readonly string[];
  readonly scanner: SecretScanner;
  readonly input: InputOptions;
  /** Location fingerprints to drop (.leakproofignore, baseline). */
  readonly suppressed?: ReadonlySet<string>;
  readonly onFile?: (path: string, bytes: number) => void;
  readonly onSkip?: (path: string, reason: string, code: ErrorCode | undefined) => void;
  readonly now?: () => number;
  /** Scanner threads (default: one per core). 1 keeps everything on the main thread. */
  readonly threads?: number;
  /** What a worker needs to build the same scanner; without it the scan stays on the main thread. */
  readonly workerSetup?: WorkerSetup;
}

/** Results are applied in input order, so the first location of a finding is the first in scan order. */
const MAX_IN_FLIGHT = 64;

export async function runSecretScan(request: ScanRequest): Promise<ScanReport> {
  const now = request.now ?? Date.now;
  const started = now();
  const collector = new FindingCollector({ suppressed: request.suppressed ?? new Set() });
  let filesScanned = 0;
  let bytesScanned = 0;
  const skipped: { path: string; reason: string }[] = [];
  const executor = new AdaptiveExecutor(request.scanner, request.threads ?? 1, request.workerSetup);
  const queue: Promise<{ path: string; size: number; hits: RawHit[] }>[] = [];
  const apply = (done: { path: string; size: number; hits: RawHit[] }): void => {
    if (done.hits.length > 0) collector.add(done.path, done.hits);
    request.onFile?.(done.path, done.size);
  };
  try {
    await consume();
  } finally {
    // Settle what is still in flight before stopping the workers, so no promise is left dangling.
    await Promise.allSettled(queue);
    await executor.close();
  }
  async function consume(): Promise<void> {
    for await (const event of readInputs(request.targets, request.input)) {
      if (event.kind === 'skip') {
        skipped.push({ path: event.path, reason: event.reason });
        request.onSkip?.(event.path, event.reason, event.code);
        continue;
      }
      filesScanned++;
      bytesScanned += event.bytes.length;
      const { path } = event;
      const size = event.bytes.length;
      const result = executor.submit(path, event.bytes).then((hits) => ({ path, size, hits }));
      // Marked handled now: it is awaited in order below, possibly after it has already failed.
      result.catch(() => undefined);
      queue.push(result);
      while (queue.length > MAX_IN_FLIGHT) apply(await queue.shift()!);
    }
    while (queue.length > 0) apply(await queue.shift()!);
  }
  const rules: RuleInfo[] = request.scanner.ruleInfos.map((r) => ({
    id: r.id,
    description: r.description,
    severity: r.severity,
    ...(r.remedy === undefined ? {} : { remedy: r.remedy }),
    ...(r.tags === undefined ? {} : { tags: r.tags }),
  }));
  return {
    tool: { name: 'leakproof', version: VERSION },
    findings: collector.findings(),
    rules,
    summary: {
      filesScanned,
      bytesScanned,
      filesSkipped: skipped.length,
      skipped,
      suppressed: collector.suppressedLocations,
      durationMs: Math.max(0, now() - started),
    },
  };
}
