export * from './errors.js';
export type * from './engines/secrets/types.js';
