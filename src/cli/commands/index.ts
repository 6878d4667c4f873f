import type { Command } from '../types.js';

/**
 * Every CLI command, in the order `leakproof --help` lists them.
 * Add a command by importing it and appending it here.
 */
export const commands: readonly Command[] = [
  // commands:start
  // commands:end
];
