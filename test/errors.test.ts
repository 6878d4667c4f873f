import { describe, expect, it } from 'vitest';
import { LeakproofError, isLeakproofError } from '../src/errors.js';

describe('LeakproofError', () => {
  it('carries a stable code and renders one line with its location', () => {
    const error = new LeakproofError('CONFIG_INVALID', 'bad value\nsecond line', { where: 'leakproof.config.json' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(isLeakproofError(error)).toBe(true);
    expect(error.oneLine()).toBe('leakproof.config.json: bad value; second line');
  });
});
