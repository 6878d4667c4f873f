// The read floor: read every file named in LIST (one absolute path a line) and do nothing else.
// No scanner can beat this on the same files, so it is the yardstick for "close to the floor".
// Concurrency matches what a good reader uses: a fixed number of readFile calls in flight.
// Usage: node floor.mjs LIST [IN_FLIGHT]   Prints one JSON line: {"files":N,"bytes":N}.
import console from 'node:console';
import { readFile } from 'node:fs/promises';
import process from 'node:process';

const [listPath, inFlightArg] = process.argv.slice(2);
if (listPath === undefined) {
  console.error('usage: node floor.mjs LIST [IN_FLIGHT]');
  process.exit(2);
}
const inFlight = Number(inFlightArg ?? 16);
const paths = (await readFile(listPath, 'utf8')).split('\n').filter((line) => line !== '');

let next = 0;
let files = 0;
let bytes = 0;
async function reader() {
  while (next < paths.length) {
    const path = paths[next++];
    const content = await readFile(path);
    files += 1;
    bytes += content.length;
  }
}
await Promise.all(Array.from({ length: Math.min(inFlight, paths.length) }, reader));
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
