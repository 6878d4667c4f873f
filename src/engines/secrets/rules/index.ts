import type { RuleSpec } from '../types.js';
import { groupA } from './group-a.js';
import { groupB } from './group-b.js';

/** Every built-in provider-specific rule. The generic assignment rule lives in ../generic.ts. */
export const builtinRules: readonly RuleSpec[] = [...groupA, ...groupB];
