/**
 * A scan worker thread: builds the same scanner as the main thread from the same configuration,
 * then scans the file contents it is sent. Secrets cross the thread boundary only in memory,
 * inside raw hits, and are hashed and redacted by the collector on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RawHit, SecretScanner } from '../engines/secrets/scanner.js';
import type { LoadedConfig } from './config.js';
import { scannerFromConfig } from './ruleset.js';

export interface WorkerSetup {
  readonly config: LoadedConfig;
  readonly disabled: readonly string[];
}

export interface WorkerJob {
  readonly seq: number;
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** Jobs travel in batches: one message per file costs more than scanning a small file. */
export type WorkerBatch = readonly WorkerJob[];

/** A raw hit without its rule object (rules are code and do not cross threads); the main thread looks it up by id. */
export type WireHit = Omit<RawHit, 'rule'> & { readonly ruleId: string };

export interface WorkerResult {
  readonly seq: number;
  readonly hits: readonly WireHit[];
  readonly error?: string;
}

const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  const ready = scannerFromConfig(setup.config, setup.disabled);
  port.on('message', (batch: WorkerBatch) => {
    ready.then(
      (scanner) => scanBatch(scanner, batch),
      (error: unknown) => port.postMessage(batch.map((job) => ({ seq: job.seq, hits: [], error: String(error) }))),
    );
  });
  const scanBatch = (scanner: SecretScanner, batch: WorkerBatch): void => {
    const results: WorkerResult[] = batch.map((job) => {
      try {
        return { seq: job.seq, hits: scanner.scanBytes(job.path, job.bytes).map(({ rule, ...rest }) => ({ ...rest, ruleId: rule.id })) };
      } catch (error) {
        return { seq: job.seq, hits: [], error: (error as Error).message };
      }
    });
    port.postMessage(results);
  };
}
