// Compiles the ledger benchmark (and only the modules it imports) into bench/.work, then runs it.
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(repo, 'bench', '.work', 'ledger-dist');
execFileSync(
  process.execPath,
  [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '--outDir', out, '--rootDir', repo, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', path.join(repo, 'bench', 'ledger', 'bench.ts')],
  { stdio: 'inherit' },
);
process.chdir(repo);
await import(pathToFileURL(path.join(out, 'bench', 'ledger', 'bench.js')).href);
