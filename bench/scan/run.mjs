// Scan throughput benchmark: leakproof against secretlint (recommended preset) and against the
// floor of merely reading the same files, all in one run on one corpus.
//
// Usage: node run.mjs [DIR] [--rounds N] [--tools LIST] [--note TEXT] [--no-write]
//   DIR      corpus directory (default: the repository's node_modules); nothing is copied
//   --rounds how many times each tool runs (default 3); the order rotates every round and the
//            median is reported, so no tool always runs first on a cold-ish cache
//   --tools  comma-separated subset of floor,leakproof,leakproof-1,secretlint (default: all);
//            secretlint takes minutes per round, so leaving it out makes a quick check quick
//   --note   a line written under the heading of results.md (e.g. "preliminary: machine loaded")
//   --no-write  print the table only; leave results.md and README.md alone
//
// Each tool is a child process under /usr/bin/time -v (peak RSS); wall-clock time is taken here.
// Output of the tools stays in memory: secretlint's JSON holds every file's full text, so it is
// parsed for counts and dropped, never written anywhere.
import { Buffer } from 'node:buffer';
import { spawn, execFileSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { readdir, lstat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const leakproofBin = path.join(repoRoot, 'dist', 'cli', 'bin.js');
const secretlintBin = path.join(here, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const TIME = '/usr/bin/time';
// Same sniff as most scanners use: a NUL byte in the head of the file means binary.
const SNIFF_BYTES = 8000;
const MB = 1e6;

function parseArgs(argv) {
  const options = { dir: path.join(repoRoot, 'node_modules'), rounds: 3, tools: undefined, note: undefined, write: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--rounds') options.rounds = Number(argv[++i]);
    else if (arg === '--note') options.note = argv[++i];
    else if (arg === '--tools') options.tools = (argv[++i] ?? '').split(',').filter((t) => t !== '');
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node run.mjs [DIR] [--rounds N] [--tools floor,leakproof,leakproof-1,secretlint] [--note TEXT] [--no-write]');
      process.exit(0);
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else options.dir = path.resolve(arg);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1) fail('--rounds must be a positive integer');
  return options;
}

function fail(message) {
  console.error(`bench/scan: ${message}`);
  process.exit(2);
}

// Every regular file under dir; symlinks are neither followed nor listed, as leakproof's default.
async function listFiles(dir) {
  const files = [];
  async function walk(current) {
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  }
  await walk(dir);
  files.sort();
  return files;
}

function isText(file, size) {
  if (size === 0) return true;
  const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, head, 0, head.length, 0);
    return !head.subarray(0, read).includes(0);
  } finally {
    closeSync(fd);
  }
}

// Sizes and text/binary of each file. Reading every head also warms the page cache, so every
// tool, in every round, reads from memory rather than whichever ran first paying for the disk.
async function describeCorpus(files) {
  const byPath = new Map();
  let bytes = 0;
  let textBytes = 0;
  let textFiles = 0;
  for (const file of files) {
    const { size } = await lstat(file);
    const text = isText(file, size);
    byPath.set(file, { size, text });
    bytes += size;
    if (text) {
      textBytes += size;
      textFiles += 1;
    }
  }
  return { byPath, files: files.length, bytes, textBytes, textFiles };
}

function hasTime() {
  return existsSync(TIME);
}

// Runs one child, returns wall seconds, peak RSS (bytes) and its stdout.
function measure(command, args, cwd, scratch) {
  const timeOut = path.join(scratch, 'time.txt');
  const useTime = hasTime();
  const [file, argv] = useTime ? [TIME, ['-v', '-o', timeOut, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let vmHwmKb = 0;
    // Without GNU time, VmHWM of the direct child is the best available peak; polled often
    // enough that a short spike is caught in practice for runs of seconds.
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
            const match = /VmHWM:\s+(\d+) kB/.exec(status);
            if (match) vmHwmKb = Math.max(vmHwmKb, Number(match[1]));
          } catch {
            // the child has exited between polls
          }
        }, 20);
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      let peakKb = vmHwmKb;
      // CPU seconds (user + system, all threads) are far less disturbed by other load on the
      // machine than wall-clock seconds; only GNU time reports them for a finished child.
      let cpuSeconds = NaN;
      let exitCode = code;
      if (useTime) {
        const report = readFileSync(timeOut, 'utf8');
        peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? NaN);
        cpuSeconds = Number(/User time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? NaN) + Number(/System time \(seconds\): ([\d.]+)/.exec(report)?.[1] ?? NaN);
        // GNU time exits with the command's status; its report also names it.
        const status = /Exit status: (\d+)/.exec(report);
        if (status) exitCode = Number(status[1]);
      }
      resolve({ seconds, cpuSeconds, peakBytes: peakKb * 1024, exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

// A tool's stdout may hold file contents (secretlint's JSON does), so a parse error must not
// echo it the way JSON.parse's message does.
function parseJson(run, tool) {
  try {
    return JSON.parse(run.stdout.toString('utf8'));
  } catch {
    throw new Error(`${tool} wrote ${run.stdout.length} bytes that are not one JSON document (exit ${run.exitCode}): ${run.stderr.split('\n')[0]}`);
  }
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function textBytesOf(paths, corpus) {
  let bytes = 0;
  for (const file of paths) {
    let info = corpus.byPath.get(file);
    if (info === undefined) {
      // A path outside the list (a symlink some tool followed): measure it the same way.
      const { size } = statSync(file);
      info = { size, text: isText(file, size) };
    }
    if (info.text) bytes += info.size;
  }
  return bytes;
}

function buildTools(options, corpus, scratch) {
  const listFile = path.join(scratch, 'files.txt');
  writeFileSync(listFile, `${[...corpus.byPath.keys()].join('\n')}\n`);
  const emptyIgnore = path.join(scratch, 'empty.secretlintignore');
  writeFileSync(emptyIgnore, '');
  const leakproofArgs = [leakproofBin, 'scan', options.dir, '--no-gitignore', '-q', '--format', 'json'];

  function leakproofOutcome(run) {
    if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`leakproof exited ${run.exitCode}: ${run.stderr.split('\n')[0]}`);
    const report = parseJson(run, 'leakproof');
    return {
      files: report.summary.filesScanned,
      // leakproof counts what it scanned itself; the corpus text bytes are the common yardstick.
      textBytes: corpus.textBytes,
      detail: `${report.summary.filesScanned} scanned, ${report.summary.filesSkipped} skipped (${Object.entries(countBy(report.summary.skipped, (s) => s.reason)).map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}), ${(report.summary.bytesScanned / MB).toFixed(1)} MB scanned by its own count`,
      findings: countBy(report.findings, (f) => f.ruleId),
    };
  }

  return [
    {
      name: 'read floor (readFile, 16 in flight)',
      key: 'floor',
      command: process.execPath,
      args: [path.join(here, 'floor.mjs'), listFile, '16'],
      outcome(run) {
        if (run.exitCode !== 0) throw new Error(`floor exited ${run.exitCode}: ${run.stderr.split('\n')[0]}`);
        const { files, bytes } = parseJson(run, 'floor');
        // Caches inside node_modules (vitest's .vite) may change by a few bytes while the benchmark runs.
        if (files !== corpus.files || Math.abs(bytes - corpus.bytes) > corpus.bytes * 0.001) throw new Error(`floor read ${files} files / ${bytes} bytes, expected ${corpus.files} / ${corpus.bytes}`);
        return { files, textBytes: corpus.textBytes, detail: `${files} files, ${(bytes / MB).toFixed(1)} MB read`, findings: undefined };
      },
    },
    { name: 'leakproof (default threads)', key: 'leakproof', command: process.execPath, args: leakproofArgs, outcome: leakproofOutcome },
    { name: 'leakproof --threads 1', key: 'leakproof-1', command: process.execPath, args: [...leakproofArgs, '--threads', '1'], outcome: leakproofOutcome },
    {
      name: 'secretlint + preset-recommend',
      key: 'secretlint',
      // The bin npx would run, without npx's own start-up. --cwd at the corpus root, because
      // secretlint's search ignores **/node_modules/** relative to its cwd whatever the ignore
      // file says; from inside node_modules only nested node_modules folders stay hidden.
      // Its bin console.logs the report and exits at once, which cuts a large report short on
      // a pipe. So it writes with --output to /dev/stdout, a blocking write, and that must be a
      // real pipe (Node gives children a socket, which cannot be opened by path): hence `| cat`.
      // With --output it exits 0 even with findings, and 2 on a fatal error.
      command: 'bash',
      args: ['-o', 'pipefail', '-c', '"$0" "$@" | cat', process.execPath, secretlintBin, '**/*', '--cwd', options.dir, '--secretlintrc', path.join(here, '.secretlintrc.json'), '--secretlintignore', emptyIgnore, '--format', 'json', '--no-color', '--output', '/dev/stdout'],
      outcome(run) {
        if (run.exitCode !== 0) throw new Error(`secretlint exited ${run.exitCode}: ${run.stderr.split('\n')[0]}`);
        const results = parseJson(run, 'secretlint');
        const paths = results.map((r) => r.filePath);
        const messages = results.flatMap((r) => r.messages);
        const binary = results.filter((r) => r.sourceContentType !== 'text').length;
        return {
          files: paths.length,
          // Measured on the files it actually processed, so a smaller file set is not a speed-up.
          textBytes: textBytesOf(paths, corpus),
          detail: `${paths.length} of ${corpus.files} files processed (${binary} as binary)`,
          findings: countBy(messages, (m) => m.ruleId),
        };
      },
    },
  ];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function versionOf(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function table(rows) {
  const floor = rows.find((r) => r.key === 'floor');
  const secretlint = rows.find((r) => r.key === 'secretlint');
  const lines = [
    `| Tool | Files | Text MB | Median s | MB/s | CPU s | MB per CPU s | Peak RSS MB |${floor ? ' vs read floor |' : ''}${secretlint ? ' vs secretlint |' : ''}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${floor ? ' ---: |' : ''}${secretlint ? ' ---: |' : ''}`,
  ];
  for (const row of rows) {
    const cells = [
      row.name,
      String(row.files),
      (row.textBytes / MB).toFixed(1),
      row.seconds.toFixed(2),
      row.mbps.toFixed(1),
      Number.isNaN(row.cpuSeconds) ? '—' : row.cpuSeconds.toFixed(2),
      Number.isNaN(row.cpuSeconds) ? '—' : (row.textBytes / MB / row.cpuSeconds).toFixed(1),
      (row.peakBytes / 1024 / 1024).toFixed(0),
    ];
    // Ratios of throughput on each tool's own files, so a tool that skipped files gains nothing.
    if (floor) cells.push(row.key === 'floor' ? '—' : `${((row.mbps / floor.mbps) * 100).toFixed(0)} %`);
    if (secretlint) cells.push(row.key.startsWith('leakproof') ? `${(row.mbps / secretlint.mbps).toFixed(1)}×` : '—');
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function findingsSection(rows) {
  const lines = [];
  for (const row of rows) {
    if (row.findings === undefined) continue;
    const entries = Object.entries(row.findings);
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    lines.push(`- ${row.name}: ${total}${entries.length ? ` (${entries.map(([rule, n]) => `${rule}: ${n}`).join(', ')})` : ''}`);
  }
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(leakproofBin)) fail(`${path.relative(process.cwd(), leakproofBin)} is missing: run \`npm run build\` at the repository root`);
  if (!existsSync(secretlintBin)) fail('secretlint is not installed: run `npm install` in bench/scan');
  if (!existsSync(options.dir)) fail(`no such directory: ${options.dir}`);
  if (!hasTime()) console.error('bench/scan: /usr/bin/time not found (apt-get install -y time); polling VmHWM instead');

  const loadAtStart = os.loadavg();
  console.error(`listing ${options.dir} …`);
  const corpus = await describeCorpus(await listFiles(options.dir));
  const nestedNodeModules = [...corpus.byPath.keys()].filter((f) => path.relative(options.dir, f).split(path.sep).includes('node_modules')).length;
  console.error(`corpus: ${corpus.files} files, ${(corpus.bytes / MB).toFixed(1)} MB (${corpus.textFiles} text files, ${(corpus.textBytes / MB).toFixed(1)} MB)`);

  const scratch = mkdtempSync(path.join(os.tmpdir(), 'leakproof-bench-scan-'));
  try {
    const allTools = buildTools(options, corpus, scratch);
    const known = allTools.map((t) => t.key);
    for (const key of options.tools ?? []) if (!known.includes(key)) fail(`unknown tool ${key} (known: ${known.join(', ')})`);
    const tools = options.tools ? allTools.filter((t) => options.tools.includes(t.key)) : allTools;
    if (tools.length === 0) fail('--tools selects nothing');
    const runs = new Map(tools.map((t) => [t.key, []]));
    const outcomes = new Map();
    for (let round = 0; round < options.rounds; round++) {
      // Rotate the order so each tool takes each position as evenly as the rounds allow.
      const order = tools.map((_, i) => tools[(i + round) % tools.length]);
      for (const tool of order) {
        const run = await measure(tool.command, tool.args, here, scratch);
        outcomes.set(tool.key, tool.outcome(run));
        runs.get(tool.key).push(run);
        console.error(`round ${round + 1}/${options.rounds}  ${tool.name.padEnd(36)} ${run.seconds.toFixed(2)} s  ${run.cpuSeconds.toFixed(2)} CPU s  ${(run.peakBytes / 1024 / 1024).toFixed(0)} MB`);
      }
    }

    const rows = tools.map((tool) => {
      const outcome = outcomes.get(tool.key);
      const seconds = median(runs.get(tool.key).map((r) => r.seconds));
      return {
        key: tool.key,
        name: tool.name,
        files: outcome.files,
        textBytes: outcome.textBytes,
        seconds,
        mbps: outcome.textBytes / MB / seconds,
        cpuSeconds: median(runs.get(tool.key).map((r) => r.cpuSeconds)),
        peakBytes: median(runs.get(tool.key).map((r) => r.peakBytes)),
        detail: outcome.detail,
        findings: outcome.findings,
      };
    });

    const markdownTable = table(rows);
    const leakproofVersion = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;
    const secretlintVersion = JSON.parse(readFileSync(path.join(here, 'node_modules', 'secretlint', 'package.json'), 'utf8')).version;
    const presetVersion = JSON.parse(readFileSync(path.join(here, 'node_modules', '@secretlint', 'secretlint-rule-preset-recommend', 'package.json'), 'utf8')).version;
    const corpusName = path.relative(repoRoot, options.dir) || '.';
    const results = [
      '# Scan benchmark results',
      '',
      ...(options.note ? [`> ${options.note}`, ''] : []),
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${versionOf('nproc', [])}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
      `- Node ${process.version}; leakproof ${leakproofVersion}; secretlint ${secretlintVersion} with @secretlint/secretlint-rule-preset-recommend ${presetVersion}`,
      `- Corpus: \`${corpusName.startsWith('..') ? options.dir : corpusName}\`, ${corpus.files} regular files, ${(corpus.bytes / MB).toFixed(1)} MB (${corpus.textFiles} text files, ${(corpus.textBytes / MB).toFixed(1)} MB of text); ${nestedNodeModules} files sit in nested node_modules folders`,
      `- Rounds: ${options.rounds}, order rotated each round, median reported. MB/s = text MB of the files the tool covered / wall-clock seconds (1 MB = 10^6 bytes); CPU s = user + system seconds of the child, all threads. Peak RSS from \`${hasTime() ? '/usr/bin/time -v' : '/proc/PID/status VmHWM'}\`.`,
      '',
      markdownTable,
      '',
      'What each tool covered:',
      '',
      ...rows.map((r) => `- ${r.name}: ${r.detail}`),
      '',
      'Findings on the corpus (counts by rule; never the values):',
      '',
      findingsSection(rows),
      '',
    ].join('\n');

    console.log(`\n${markdownTable}\n`);
    console.log(rows.map((r) => `${r.name}: ${r.detail}`).join('\n'));
    console.log(`\n${findingsSection(rows)}`);
    if (options.write) {
      writeFileSync(path.join(here, 'results.md'), results);
      const readmePath = path.join(here, 'README.md');
      if (existsSync(readmePath)) {
        const readme = readFileSync(readmePath, 'utf8');
        const start = '<!-- results:start -->';
        const end = '<!-- results:end -->';
        const from = readme.indexOf(start);
        const to = readme.indexOf(end);
        if (from !== -1 && to > from) {
          const body = results.replace(/^# Scan benchmark results\n\n/, '').replace(/^# /gm, '### ');
          writeFileSync(readmePath, `${readme.slice(0, from + start.length)}\n${body}\n${readme.slice(to)}`);
        }
      }
      console.error('wrote bench/scan/results.md');
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
