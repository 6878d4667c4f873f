import type { RuleSpec } from '../types.js';
import { cloudRules } from './a-cloud.js';

/**
 * Group A of the built-in rules: cloud providers, source hosts, CI/CD, package registries,
 * payments, observability and SaaS. Each family lives in its own a-*.ts file.
 */
export const groupA: readonly RuleSpec[] = [...cloudRules];
