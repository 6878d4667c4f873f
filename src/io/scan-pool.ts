/**
 * Runs the scanner on worker threads once a scan is big enough to pay for them.
 * Small scans (one file, a config directory) stay on the main thread: starting a worker and
 * compiling the rules in it costs tens of milliseconds.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RawHit, SecretScanner } from '../engines/secrets/scanner.js';
import type { RuleSpec } from '../engines/secrets/types.js';
import type { WorkerJob, WorkerResult, WorkerSetup } from './scan-worker.js';

const BATCH_BYTES = 1024 * 1024;
const BATCH_FILES = 32;

export interface ScanExecutor {
  submit(path: string, bytes: Uint8Array): Promise<RawHit[]>;
  close(): Promise<void>;
}

/** Bytes scanned on the main thread before workers are started. */
const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

/** Workers need the compiled JavaScript; when running from TypeScript sources (tests) the scan stays inline. */
export function workersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

/**
 * Scanner threads when --threads is not given. On two cores the main thread already keeps one busy
 * reading and walking, and measured on the 2-vCPU CI machine two workers finished later than one
 * thread (bench/scan); workers pay off from four cores up.
 */
export function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 4 ? Math.min(cores - 1, 8) : 1;
}

interface Pending {
  resolve: (hits: RawHit[]) => void;
  reject: (error: Error) => void;
}

class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private seq = 0;
  private batch: WorkerJob[] = [];
  private batchBytes = 0;
  private flushScheduled = false;
  private failure: Error | undefined;

  constructor(threads: number, setup: WorkerSetup, private readonly rules: ReadonlyMap<string, RuleSpec>) {
    for (let w = 0; w < threads; w++) {
      const worker = new Worker(WORKER_URL, { workerData: setup });
      worker.on('message', (results: WorkerResult[]) => {
        for (const result of results) this.settle(w, result);
      });
      worker.on('error', (error) => this.fail(error));
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private settle(worker: number, result: WorkerResult): void {
    const p = this.pending.get(result.seq);
    if (!p) return;
    this.pending.delete(result.seq);
    this.load[worker] = (this.load[worker] ?? 1) - 1;
    if (result.error !== undefined) {
      p.reject(new Error(result.error));
      return;
    }
    const hits: RawHit[] = [];
    for (const { ruleId, ...rest } of result.hits) {
      const rule = this.rules.get(ruleId);
      if (rule) hits.push({ ...rest, rule });
    }
    p.resolve(hits);
  }

  submit(path: string, bytes: Uint8Array): Promise<RawHit[]> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    const promise = new Promise<RawHit[]>((resolve, reject) => this.pending.set(seq, { resolve, reject, worker: -1 }));
    this.batch.push({ seq, path, bytes });
    this.batchBytes += bytes.length;
    if (this.batch.length >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) this.flush();
    else if (!this.flushScheduled) {
      // Whatever is still batched goes out before the event loop waits for anything else.
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return promise;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.batch.length === 0) return;
    let best = 0;
    for (let w = 1; w < this.load.length; w++) if ((this.load[w] ?? 0) < (this.load[best] ?? 0)) best = w;
    const batch = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    this.load[best] = (this.load[best] ?? 0) + batch.length;
    for (const job of batch) {
      const p = this.pending.get(job.seq);
      if (p) p.worker = best;
    }
    this.workers[best]?.postMessage(batch);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Scans inline until WORKER_THRESHOLD_BYTES have gone by, then hands new files to a worker pool. */
export class AdaptiveExecutor implements ScanExecutor {
  private bytesSeen = 0;
  private pool: WorkerPool | undefined;

  constructor(
    private readonly scanner: SecretScanner,
    private readonly threads: number,
    private readonly setup: WorkerSetup | undefined,
  ) {}

  submit(path: string, bytes: Uint8Array): Promise<RawHit[]> {
    this.bytesSeen += bytes.length;
    if (this.pool === undefined && this.setup !== undefined && this.threads > 1 && this.bytesSeen > WORKER_THRESHOLD_BYTES && workersAvailable()) {
      this.pool = new WorkerPool(this.threads, this.setup, new Map(this.scanner.ruleInfos.map((r) => [r.id, r])));
    }
    if (this.pool) return this.pool.submit(path, bytes);
    try {
      return Promise.resolve(this.scanner.scanBytes(path, bytes));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
