import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BASE62_ALPHABET,
  BECH32_ALPHABET,
  base62Crc32Checksum,
  base62Decode,
  base62Encode,
  bech32Checksum,
  crc32,
  hasBase62Crc32Checksum,
  isBase64OfLength,
  isValidBase62Crc32Token,
  isValidBech32,
} from '../../../src/engines/secrets/checksums.js';

const base62Char = fc.constantFrom(...BASE62_ALPHABET.split(''));
const randomPart = fc.string({ unit: base62Char, minLength: 30, maxLength: 30 });
const bech32Word = fc.integer({ min: 0, max: 31 });

/** A token built the way GitHub and npm build theirs: 30 random base62 characters, then their checksum. */
function makeToken(prefix: string, random: string): string {
  return `${prefix}${random}${base62Crc32Checksum(random)}`;
}

function replaceAt(text: string, index: number, ch: string): string {
  return text.slice(0, index) + ch + text.slice(index + 1);
}

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32('')).toBe(0);
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('The quick brown fox jumps over the lazy dog')).toBe(0x414fa339);
  });

  it('hashes a string as its UTF-8 bytes', () => {
    fc.assert(fc.property(fc.string(), (s) => crc32(s) === crc32(new TextEncoder().encode(s))));
  });
});

describe('base62', () => {
  it('round-trips every safe non-negative integer', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => base62Decode(base62Encode(n)) === n));
  });

  it('pads to the requested width with the zero digit', () => {
    expect(base62Encode(0, 6)).toBe('000000');
    expect(base62Encode(61, 3)).toBe('00z');
    expect(base62Encode(62)).toBe('10');
    expect(base62Encode(0xffffffff, 6)).toBe('4gfFC3');
  });

  it('rejects characters outside the alphabet and empty input', () => {
    expect(base62Decode('')).toBeUndefined();
    expect(base62Decode('ab-c')).toBeUndefined();
    expect(base62Decode('ñ')).toBeUndefined();
  });

  it('refuses negative or fractional input', () => {
    expect(() => base62Encode(-1)).toThrow(RangeError);
    expect(() => base62Encode(1.5)).toThrow(RangeError);
  });
});

describe('GitHub / npm style CRC32 tokens', () => {
  it('accepts every token built with the scheme, whatever the prefix', () => {
    fc.assert(
      fc.property(randomPart, fc.constantFrom('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'npm_'), (random, prefix) => {
        const token = makeToken(prefix, random);
        return token.length === 40 && isValidBase62Crc32Token(token) && hasBase62Crc32Checksum(token.slice(4));
      }),
    );
  });

  it('rejects any single-character change in the random part or the checksum', () => {
    fc.assert(
      fc.property(randomPart, fc.integer({ min: 0, max: 35 }), base62Char, (random, index, ch) => {
        const body = `${random}${base62Crc32Checksum(random)}`;
        fc.pre(body[index] !== ch);
        return !hasBase62Crc32Checksum(replaceAt(body, index, ch));
      }),
    );
  });

  it('rejects wrong lengths, missing separators and non-base62 characters', () => {
    const good = makeToken('ghp_', 'Zq8rT2mLx4Vb9Nc1Wd7Fh3Jk6Ps5Gy');
    expect(isValidBase62Crc32Token(good)).toBe(true);
    expect(isValidBase62Crc32Token(good.slice(0, -1))).toBe(false);
    expect(isValidBase62Crc32Token(`${good}0`)).toBe(false);
    expect(isValidBase62Crc32Token(good.replace('_', ''))).toBe(false);
    expect(isValidBase62Crc32Token(replaceAt(good, 10, '-'))).toBe(false);
    expect(hasBase62Crc32Checksum('')).toBe(false);
  });

  it('verifies the checksum over the random part only, not the prefix', () => {
    const random = 'Hq3Zt8Lw2Nx7Pc4Vb9Mk1Rd6Fs5Gj0';
    expect(isValidBase62Crc32Token(makeToken('npm_', random))).toBe(true);
    expect(isValidBase62Crc32Token(`npm_${random}${base62Encode(crc32(`npm_${random}`), 6)}`)).toBe(false);
  });
});

describe('bech32', () => {
  it('accepts the BIP-173 valid test vectors', () => {
    for (const s of ['A12UEL5L', 'a12uel5l', 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw', '?1ezyfcl']) {
      expect(isValidBech32(s), s).toBe(true);
    }
  });

  it('rejects the BIP-173 invalid test vectors that apply without a length limit', () => {
    for (const s of ['pzry9x0s0muk', '1pzry9x0s0muk', 'x1b4n0q5v', 'li1dgmt3', 'A1G7SGD8', '10a06t8', '1qzzfhee', 'a12UEL5L']) {
      expect(isValidBech32(s), s).toBe(false);
    }
  });

  it('accepts what bech32Checksum produces and rejects any single substitution', () => {
    fc.assert(
      fc.property(fc.array(bech32Word, { minLength: 1, maxLength: 60 }), fc.nat(), bech32Word, (data, pick, word) => {
        const hrp = 'age-secret-key-';
        const encoded = `${hrp}1${data.map((d) => BECH32_ALPHABET.charAt(d)).join('')}${bech32Checksum(hrp, data)}`;
        if (!isValidBech32(encoded) || !isValidBech32(encoded.toUpperCase())) return false;
        const index = hrp.length + 1 + (pick % (data.length + 6));
        const replacement = BECH32_ALPHABET.charAt(word);
        fc.pre(encoded[index] !== replacement);
        return !isValidBech32(replaceAt(encoded, index, replacement));
      }),
    );
  });
});

describe('isBase64OfLength', () => {
  it('accepts canonical base64 of exactly the given length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        return isBase64OfLength(text, bytes.length) && !isBase64OfLength(text, bytes.length + 1);
      }),
    );
  });

  it('rejects bad characters, bad padding and non-canonical trailing bits', () => {
    expect(isBase64OfLength('AAAA', 3)).toBe(true);
    expect(isBase64OfLength('AA-A', 3)).toBe(false);
    expect(isBase64OfLength('AAA', 2)).toBe(false);
    expect(isBase64OfLength('AB==', 1)).toBe(false);
  });
});
