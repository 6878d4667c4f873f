import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';
import { run } from '../../src/cli/run.js';

const dirs: string[] = [];

afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A temp directory holding the given files; removed after the test. */
export function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'leakproof-cli-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

export function cli(cwd: string, argv: string[], options: { stdin?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  return run(argv, {
    cwd,
    env: options.env ?? {},
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
  });
}

/** Synthetic credentials of real formats, assembled at run time so this file holds none whole. */
export const SECRETS = {
  anthropic: ['sk-ant-api03-', 'Qm7vR2xK9pL4tW8zN3bC6dF1hJ5gS0aY', 'e2uI7oP4qT9rE6wX3zV8nM1bK5jH0gF2dS7aQ4lZ9xC6vB3nM8kJ1hG5fD0sA-', 'w2EAAA'].join(''),
  aws: ['AKIA', 'Q3M7XK2P5LTW4ZNB'].join(''),
  password: ['Xk9mP2', 'vL8qR4'].join(''),
} as const;
