import type { Command } from '../types.js';
import { checkCommand } from './check.js';
import { rulesCommand } from './rules.js';
import { scanCommand } from './scan.js';
import { keyCommand } from './key.js';
import { logCommand } from './log.js';
import { sealCommand } from './seal.js';
import { verifyCommand } from './verify.js';

/**
 * Every CLI command, in the order `leakproof --help` lists them.
 * Add a command by importing it and appending it here.
 */
export const commands: readonly Command[] = [
  // commands:start
  checkCommand,
  scanCommand,
  rulesCommand,
  sealCommand,
  verifyCommand,
  logCommand,
  keyCommand,
  // commands:end
];
