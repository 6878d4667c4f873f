import type { RuleSpec } from '../types.js';
import { ciAndRegistryRules } from './a-cicd.js';
import { cloudRules } from './a-cloud.js';
import { paymentRules } from './a-payment.js';
import { saasRules } from './a-saas.js';
import { sourceHostRules } from './a-source.js';

/**
 * Group A of the built-in rules: cloud providers, source hosts, CI/CD, package registries,
 * payments, observability and SaaS. Each family lives in its own a-*.ts file.
 */
export const groupA: readonly RuleSpec[] = [...cloudRules, ...sourceHostRules, ...ciAndRegistryRules, ...paymentRules, ...saasRules];
