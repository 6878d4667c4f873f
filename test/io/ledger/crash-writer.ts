// A ledger writer that appends forever and prints `ACK <size> <root>` after each acknowledged batch.
// faults.test.ts compiles it and kills it with SIGKILL at random moments. Entry i is always the
// same bytes, so a restarted writer continuing from the checkpoint reproduces the expected entries.
import { parseCheckpoint } from '../../../src/engines/ledger/checkpoint.js';
import { encodeAuditEvent } from '../../../src/engines/ledger/entries.js';
import { ed25519NoteKey, parseNote } from '../../../src/engines/ledger/note.js';
import { LogWriter } from '../../../src/io/ledger/tlog.js';

const [logDir = '', seedHex = '', batchText = '1'] = process.argv.slice(2);
const key = ed25519NoteKey('crash.example/log', Buffer.from(seedHex, 'hex'));
const maxBatch = Number(batchText);
const entry = (i: number): Uint8Array => encodeAuditEvent({ time: '2026-01-01T00:00:00Z', actor: 'crash-test', action: 'append', object: `item-${i}`, details: { i } });

const writer = await LogWriter.open(logDir, { key, maxBatch });
process.stdout.write(`OPEN ${writer.size}\n`);
for (;;) {
  const start = writer.size;
  const count = 1 + Math.floor(Math.random() * maxBatch);
  const results = await Promise.all(Array.from({ length: count }, (_, k) => writer.append(entry(start + k))));
  const cp = parseCheckpoint(parseNote(results[results.length - 1]!.checkpoint).text);
  process.stdout.write(`ACK ${cp.size} ${Buffer.from(cp.root).toString('base64')}\n`);
}
