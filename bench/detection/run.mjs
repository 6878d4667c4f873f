// Detection quality: recall and precision of leakproof on the labelled corpus (test/eval/corpus),
// per-kind misses, and the false alarms on real ordinary code (this repository's node_modules).
//
// Usage: node bench/detection/run.mjs [--dist DIR] [--no-node-modules] [--corpus DIR] [--extra DIR]... [--fresh N] [--json]
//   --dist DIR          use an already built leakproof (DIR/cli/bin.js) instead of compiling src/
//                       afresh into a temporary directory (the default, so the numbers are those
//                       of the source tree as it is now, whatever dist/ holds)
//   --no-node-modules   skip the scans of node_modules (and bench/scan/node_modules when installed)
//   --extra DIR         also count the findings in DIR as false alarms (more ordinary code,
//                       e.g. a Python standard library or /usr/include); repeatable
//   --fresh N           also measure N fresh random draws of the corpus (same templates, new values,
//                       generated into temporary directories): the committed corpus has been seen by
//                       the rule authors, fresh draws have not
//   --corpus DIR        measure another generated corpus (generate-corpus.mjs --out DIR)
//   --json              print one JSON object instead of the text report
//
// Everything goes through the CLI (`leakproof scan --format json`), as a user would run it.
// Output names files, lines, kinds and rule ids only, never a secret or its preview.
import console from 'node:console';
import process from 'node:process';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
let corpusDir = path.join(repoRoot, 'test', 'eval', 'corpus');

// Thrown rather than exiting, so that temporary directories are removed on the way out.
class BenchError extends Error {}
function fail(message) {
  throw new BenchError(message);
}

function parseArgs(argv) {
  const options = { dist: undefined, nodeModules: true, json: false, extra: [], fresh: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dist') options.dist = path.resolve(argv[++i] ?? fail('--dist needs a directory'));
    else if (arg === '--no-node-modules') options.nodeModules = false;
    else if (arg === '--fresh') options.fresh = Number(argv[++i]);
    else if (arg === '--corpus') corpusDir = path.resolve(argv[++i] ?? fail('--corpus needs a directory'));
    else if (arg === '--extra') options.extra.push(path.resolve(argv[++i] ?? fail('--extra needs a directory')));
    else if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node bench/detection/run.mjs [--dist DIR] [--no-node-modules] [--corpus DIR] [--extra DIR]... [--fresh N] [--json]');
      process.exitCode = 0;
      return undefined;
    } else fail(`unknown option ${arg}`);
  }
  if (!Number.isInteger(options.fresh) || options.fresh < 0) fail('--fresh needs a count');
  return options;
}

/**
 * Compiles src/ into a private temporary directory (not the shared dist/, which other work may be
 * rebuilding at the same moment). Returns the directory holding cli/bin.js, and a cleanup.
 */
function build() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'leakproof-eval-build-'));
  const out = path.join(root, 'dist');
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors elsewhere in a tree under active work must not stop the measurement: tsc still emits.
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) console.error(`bench/detection: tsc reported errors (output still used):\n${(result.stdout ?? '').split('\n').slice(0, 10).join('\n')}`);
  if (!existsSync(path.join(out, 'cli', 'bin.js'))) fail('tsc produced no cli/bin.js');
  // dist/ reads ../package.json and ../schema/, as in the published package; dependencies resolve
  // through a node_modules link next to it.
  cpSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  cpSync(path.join(repoRoot, 'schema'), path.join(root, 'schema'), { recursive: true });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { dist: out, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Copies positive/, negative/ and negative-known/ to a temporary directory under their real names (without `.corpus`). */
export function materialiseCorpus(source) {
  const target = mkdtempSync(path.join(os.tmpdir(), 'leakproof-eval-'));
  for (const part of ['positive', 'negative', 'negative-known']) {
    if (!existsSync(path.join(source, part))) continue;
    const walk = (rel) => {
      for (const entry of readdirSync(path.join(source, rel), { withFileTypes: true })) {
        const child = `${rel}/${entry.name}`;
        if (entry.isDirectory()) walk(child);
        else if (entry.isFile()) {
          const dest = path.join(target, child.replace(/\.corpus$/, ''));
          mkdirSync(path.dirname(dest), { recursive: true });
          cpSync(path.join(source, child), dest);
        }
      }
    };
    walk(part);
  }
  return target;
}

function scan(bin, cwd, target) {
  const result = spawnSync(process.execPath, [bin, 'scan', target, '--format', 'json', '-q', '--no-gitignore'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.status === 2 || result.stdout === '') fail(`scan of ${target} failed: ${(result.stderr ?? '').trim().split('\n')[0]}`);
  const report = JSON.parse(result.stdout);
  const locations = report.findings.flatMap((f) =>
    f.locations.map((l) => ({ path: l.path.split(path.sep).join('/').replace(/^\.\//, ''), line: l.line, endLine: l.endLine ?? l.line, ruleId: f.ruleId })),
  );
  return { locations, filesScanned: report.summary.filesScanned };
}

const overlaps = (label, loc) => label.file === loc.path && loc.line <= (label.endLine ?? label.line) && loc.endLine >= label.line;

export function score(labels, locations) {
  const found = labels.map((label) => locations.some((loc) => overlaps(label, loc)));
  const missed = labels.filter((_, i) => !found[i]);
  const inCorpus = locations.filter((l) => l.path.startsWith('positive/') || l.path.startsWith('negative/'));
  const truePositive = inCorpus.filter((loc) => labels.some((label) => overlaps(label, loc)));
  const negativeAlarms = inCorpus.filter((l) => l.path.startsWith('negative/'));
  const knownAlarms = locations.filter((l) => l.path.startsWith('negative-known/'));
  const unlabelled = inCorpus.filter((l) => l.path.startsWith('positive/') && !labels.some((label) => overlaps(label, l)));
  const byKind = new Map();
  for (const [i, label] of labels.entries()) {
    const entry = byKind.get(label.kind) ?? { total: 0, missed: 0 };
    entry.total++;
    if (!found[i]) entry.missed++;
    byKind.set(label.kind, entry);
  }
  return {
    labels: labels.length,
    recall: (labels.length - missed.length) / labels.length,
    precision: inCorpus.length === 0 ? 1 : truePositive.length / inCorpus.length,
    findings: inCorpus.length,
    missed,
    negativeAlarms,
    knownAlarms,
    unlabelled,
    missedKinds: [...byKind].filter(([, v]) => v.missed > 0).map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.missed - a.missed || a.kind.localeCompare(b.kind)),
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options === undefined) return;
  const built = options.dist === undefined ? build() : { dist: options.dist, cleanup: () => {} };
  try {
    measure(options, path.join(built.dist, 'cli', 'bin.js'));
  } finally {
    built.cleanup();
  }
}

function measure(options, bin) {
  const labels = JSON.parse(readFileSync(path.join(corpusDir, 'labels.json'), 'utf8'));
  const corpus = materialiseCorpus(corpusDir);
  let result;
  try {
    const { locations } = scan(bin, corpus, '.');
    result = score(labels, locations);
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
  const fresh = [];
  for (let n = 0; n < options.fresh; n++) {
    const drawn = mkdtempSync(path.join(os.tmpdir(), 'leakproof-eval-draw-'));
    try {
      const gen = spawnSync(process.execPath, [path.join(here, 'generate-corpus.mjs'), '--out', drawn], { encoding: 'utf8' });
      if (gen.status !== 0) fail(`generating a fresh corpus failed: ${gen.stderr.trim().split('\n')[0]}`);
      const drawnLabels = JSON.parse(readFileSync(path.join(drawn, 'labels.json'), 'utf8'));
      const copy = materialiseCorpus(drawn);
      try {
        fresh.push(score(drawnLabels, scan(bin, copy, '.').locations));
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    } finally {
      rmSync(drawn, { recursive: true, force: true });
    }
  }

  // Real ordinary code: every file of the repository's node_modules, and of the secretlint install
  // that bench/scan uses when it is present. Every finding there is a false alarm until inspected.
  const nodeModules = [];
  if (options.nodeModules || options.extra.length > 0) {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'leakproof-eval-cwd-'));
    try {
      const roots = [...(options.nodeModules ? ['node_modules', 'bench/scan/node_modules'] : []), ...options.extra];
      for (const relRoot of roots) {
        const root = path.resolve(repoRoot, relRoot);
        if (!existsSync(root)) continue;
        const started = Date.now();
        const { locations, filesScanned } = scan(bin, empty, root);
        const rel = (p) => `${relRoot}/${path.relative(root, path.resolve(empty, p)).split(path.sep).join('/')}`;
        nodeModules.push({ root: relRoot, filesScanned, seconds: (Date.now() - started) / 1000, alarms: locations.map((l) => ({ ...l, path: rel(l.path) })) });
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }
  if (options.json) {
    console.log(JSON.stringify({ ...result, nodeModules, fresh }, null, 2));
    return;
  }
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`corpus: ${result.labels} labelled secrets`);
  console.log(`recall:    ${pct(result.recall)} (${result.labels - result.missed.length}/${result.labels})`);
  console.log(`precision: ${pct(result.precision)} (${result.findings} finding locations in the corpus; ${result.negativeAlarms.length} in negative/, ${result.unlabelled.length} unlabelled in positive/)`);
  console.log('\nmisses by kind:');
  for (const k of result.missedKinds) console.log(`  ${k.kind}: ${k.missed}/${k.total}`);
  console.log('\nmissed secrets:');
  for (const m of result.missed) console.log(`  ${m.file}:${m.line}${m.endLine ? `-${m.endLine}` : ''} ${m.kind}`);
  console.log('\nfalse alarms in negative/:');
  for (const a of result.negativeAlarms) console.log(`  ${a.path}:${a.line} ${a.ruleId}`);
  console.log('\nknown false alarms still reported in negative-known/ (see gen/negative-known.mjs):');
  for (const a of result.knownAlarms) console.log(`  ${a.path}:${a.line} ${a.ruleId}`);
  console.log('\nunlabelled findings in positive/:');
  for (const a of result.unlabelled) console.log(`  ${a.path}:${a.line} ${a.ruleId}`);
  for (const [n, draw] of fresh.entries()) {
    console.log(`\nfresh draw ${n + 1}: recall ${pct(draw.recall)}, precision ${pct(draw.precision)}, ${draw.negativeAlarms.length} in negative/`);
    for (const m of draw.missed) console.log(`  missed ${m.file}:${m.line} ${m.kind}`);
    for (const a of draw.negativeAlarms) console.log(`  false alarm ${a.path}:${a.line} ${a.ruleId}`);
  }
  for (const tree of nodeModules) {
    console.log(`\n${tree.root}: ${tree.alarms.length} finding locations in ${tree.filesScanned} files (${tree.seconds.toFixed(1)} s)`);
    for (const a of tree.alarms) console.log(`  ${a.path}:${a.line} ${a.ruleId}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    if (!(error instanceof BenchError)) throw error;
    console.error(`bench/detection: ${error.message}`);
    process.exitCode = 2;
  }
}
