// Writes the labelled detection corpus to test/eval/corpus/ (positive/, negative/, labels.json).
//
// Usage: node bench/detection/generate-corpus.mjs [--out DIR]
//   --out DIR  write a fresh draw somewhere else (bench/detection/run.mjs --fresh uses this to
//              measure on values nobody has seen); default: the committed corpus
//
// The corpus is committed; run this only to rebuild it (every secret is re-randomised, so the
// files change). Labels hold file, line and a free-text kind, never the secret itself: the line
// of a secret is where its first character lands once the file text is assembled.
import console from 'node:console';
import process from 'node:process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { negative } from './gen/negative.mjs';
import { positiveA } from './gen/positive-a.mjs';
import { positiveB } from './gen/positive-b.mjs';
import { positiveC } from './gen/positive-c.mjs';
import { heldoutNegative, heldoutPositive } from './gen/heldout.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.indexOf('--out');
const corpus = outFlag === -1 ? path.resolve(here, '..', '..', 'test', 'eval', 'corpus') : path.resolve(process.argv[outFlag + 1] ?? '.');

// Markers are control characters that no template contains, so they cannot collide with content.
const OPEN = '\u0001';
const CLOSE = '\u0002';

function assemble(rel, build) {
  const marked = [];
  const S = (kind, value) => {
    marked.push({ kind, value });
    return `${OPEN}${marked.length - 1}${CLOSE}`;
  };
  // JSON.stringify (notebooks) escapes the markers; put them back.
  const template = build(S).replaceAll('\\u0001', OPEN).replaceAll('\\u0002', CLOSE);
  let text = '';
  let line = 1;
  const labels = [];
  let last = 0;
  const re = new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g');
  for (const match of template.matchAll(re)) {
    const before = template.slice(last, match.index);
    text += before;
    line += before.split('\n').length - 1;
    const secret = marked[Number(match[1])];
    const span = secret.value.split('\n').length - 1;
    // A multi-line secret (PEM, OpenSSH) is labelled with its whole span: a scanner may point at
    // its first line or at its body, and both are right.
    labels.push(span === 0 ? { line, kind: secret.kind } : { line, endLine: line + span, kind: secret.kind });
    text += secret.value;
    line += span;
    last = match.index + match[0].length;
  }
  text += template.slice(last);
  if (labels.length !== marked.length) throw new Error(`${rel}: a marked secret was not placed in the text`);
  return { text, labels };
}

rmSync(path.join(corpus, 'positive'), { recursive: true, force: true });
rmSync(path.join(corpus, 'negative'), { recursive: true, force: true });

const labels = [];
const seen = new Set();
// JavaScript and TypeScript files are stored with a `.corpus` suffix so that the repository's
// type-check, lint and test runner do not pick them up; readers strip it (see test/eval/README.md).
const CODE_SUFFIX = /\.[cm]?[jt]sx?$/;
function write(rel, text) {
  if (seen.has(rel)) throw new Error(`duplicate corpus path ${rel}`);
  seen.add(rel);
  const file = path.join(corpus, CODE_SUFFIX.test(rel) ? `${rel}.corpus` : rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

for (const [rel, build] of [...positiveA, ...positiveB, ...positiveC, ...heldoutPositive]) {
  const { text, labels: found } = assemble(rel, build);
  if (found.length === 0) throw new Error(`positive file ${rel} has no labelled secret`);
  const file = `positive/${rel}`;
  write(file, text);
  for (const l of found) labels.push({ file, ...l });
}
for (const [rel, build] of [...negative, ...heldoutNegative]) write(`negative/${rel}`, build());

labels.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
writeFileSync(path.join(corpus, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');
console.log(`positive files: ${positiveA.length + positiveB.length + positiveC.length + heldoutPositive.length}, labels: ${labels.length}, negative files: ${negative.length + heldoutNegative.length}`);
