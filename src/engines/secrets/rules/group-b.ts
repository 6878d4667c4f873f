import type { RuleSpec } from '../types.js';
import { aiRules } from './b-ai.js';
import { authRules } from './b-auth.js';
import { chatRules } from './b-chat.js';
import { databaseRules } from './b-databases.js';
import { frameworkRules } from './b-frameworks.js';
import { keyRules } from './b-keys.js';
import { messagingRules } from './b-messaging.js';
import { miscRules } from './b-misc.js';

/**
 * Group B of the built-in rules: chat and webhooks, AI providers, databases and connection strings,
 * private keys and JWTs, credentials in URLs, headers and config files, email/SMS/push, misc services, and framework signing keys and infrastructure state.
 */
export const groupB: readonly RuleSpec[] = [...chatRules, ...aiRules, ...databaseRules, ...keyRules, ...authRules, ...messagingRules, ...miscRules, ...frameworkRules];
