import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REVEALED, REDACTION_MARK, redact, revealedLength } from '../../../src/engines/secrets/redact.js';

function revealedPart(preview: string): string {
  expect(preview.endsWith(REDACTION_MARK)).toBe(true);
  return preview.slice(0, -REDACTION_MARK.length);
}

describe('redact', () => {
  it('shows the first four characters of a long secret', () => {
    expect(redact('AKIAZ7QX4TESTFAKE123')).toBe('AKIA…');
    expect(redact('ghp_0123456789abcdef')).toBe('ghp_…');
  });

  it('shows fewer characters for short secrets, never more than a third', () => {
    const cases: [string, string][] = [
      ['abcdefghijkl', 'abcd…'], // 12
      ['abcdefghijk', 'abc…'], // 11
      ['abcdefghi', 'abc…'], // 9
      ['abcdefgh', 'ab…'], // 8
      ['abcdefg', 'ab…'], // 7
      ['abcdef', 'ab…'], // 6
      ['abcde', 'a…'], // 5
      ['abc', 'a…'], // 3
      ['ab', '…'],
      ['a', '…'],
      ['', '…'],
    ];
    for (const [secret, preview] of cases) expect(redact(secret), secret).toBe(preview);
  });

  it('counts code points, so it never splits a surrogate pair', () => {
    const secret = '🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑';
    expect(redact(secret)).toBe('🔑🔑🔑🔑…');
    expect(redact('😀😀😀')).toBe('😀…');
  });

  it('property: reveals a prefix of at most 4 characters and at most a third of the secret', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), (secret) => {
        const revealed = Array.from(revealedPart(redact(secret)));
        const codePoints = Array.from(secret);
        expect(revealed.length).toBeLessThanOrEqual(MAX_REVEALED);
        expect(revealed.length * 3).toBeLessThanOrEqual(codePoints.length);
        expect(revealed).toEqual(codePoints.slice(0, revealed.length));
        expect(revealed.length).toBe(revealedLength(codePoints.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: the preview never contains a secret of 5 or more characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 5, maxLength: 120 }), (secret) => {
        expect(redact(secret).includes(secret)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: secrets that differ only after the revealed prefix get the same preview', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 64 }), fc.string({ minLength: 12, maxLength: 64 }), (a, b) => {
        const prefix = Array.from(a).slice(0, 4).join('');
        const other = prefix + Array.from(b).slice(4).join('');
        fc.pre(Array.from(other).length >= 12);
        expect(redact(other)).toBe(redact(a));
      }),
    );
  });
});
