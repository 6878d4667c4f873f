import type { RuleSpec } from '../types.js';

export const groupA: readonly RuleSpec[] = [];
