import type { RuleSpec } from '../types.js';

export const groupB: readonly RuleSpec[] = [];
