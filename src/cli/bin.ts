#!/usr/bin/env node
import { run } from './run.js';

const result = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  onStdout: (text) => process.stdout.write(text),
  onStderr: (text) => process.stderr.write(text),
});
process.exitCode = result.exitCode;
