import { createHmac } from 'node:crypto';
import type { RuleSpec } from '../types.js';
import { LB, RB, decodeBase64, decodeJsonObject, isDocumentedExample } from './b-shared.js';

/**
 * A PEM block whose body is base64: wrapped, indented, written with `\n` escapes inside a JSON or
 * code string, or split into concatenated string literals (`"…\n" +` / `'…'`). The secret is the body;
 * the END line is required, so documentation that shows only the header, or a body elided with
 * `...`, does not match.
 */
function pemBlock(label: string): string {
  const gap = `(?:\\\\[rn]|[\\s"'+,]){1,12}`;
  const tail = `(?:\\\\[rn]|[\\s"'+,]){0,12}`;
  // The body neither starts nor ends with `+`, so a `+` joining string literals belongs to the gap alone.
  // Inside, anything but a dash: pasted keys pick up stray characters (a `~`, a `*` mask), and the
  // validator, not the pattern, decides how many of those a key body may have.
  return `-----BEGIN ${label}-----${gap}(?<secret>[A-Za-z0-9/][^-]{58,16384}[A-Za-z0-9/=])${tail}-----END ${label}-----`;
}

/**
 * The PEM body as DER bytes (a binary string), or undefined when it is not base64. A handful of stray
 * characters (at most 1%) is tolerated and dropped; more than that means prose or a template.
 */
function pemDer(body: string): string | undefined {
  // Joins string literals split across lines: `…\n" + "…`, `…'\n    '…`.
  const compact = body
    .replace(/\\[rn]/g, '')
    .replace(/["']\s*\+?\s*["']/g, '')
    .replace(/["']\s*\+?\s*$/, '')
    .replace(/\s/g, '');
  const stray = compact.replace(/[A-Za-z0-9+/=]/g, '').length;
  if (stray > Math.max(2, compact.length / 100)) return undefined;
  return decodeBase64(compact.replace(/[^A-Za-z0-9+/=]/g, ''));
}

/** Every private key in DER starts with an ASN.1 SEQUENCE. */
function isDerSequence(body: string): boolean {
  const der = pemDer(body);
  return der !== undefined && der.length >= 40 && der.charCodeAt(0) === 0x30;
}

/** The cipher named in an OpenSSH private key (`none` when the key is not encrypted). */
function opensshCipher(body: string): string | undefined {
  const raw = pemDer(body);
  const magic = 'openssh-key-v1\0';
  if (raw === undefined || !raw.startsWith(magic) || raw.length < magic.length + 4) return undefined;
  const at = magic.length;
  const length = ((raw.charCodeAt(at) << 24) | (raw.charCodeAt(at + 1) << 16) | (raw.charCodeAt(at + 2) << 8) | raw.charCodeAt(at + 3)) >>> 0;
  if (length === 0 || length > 64 || at + 4 + length > raw.length) return undefined;
  return raw.slice(at + 4, at + 4 + length);
}

/**
 * HMAC keys that READMEs, tutorials and jwt.io use to sign their example tokens. A token that verifies
 * with one of them is an example (or signed with a key anyone can guess, which no scan finding fixes).
 */
const EXAMPLE_HMAC_KEYS = ['secret', 'your-256-bit-secret', 'your-384-bit-secret', 'your-512-bit-secret', 'your-secret-key', 'secretkey', 'secret-key', 'mysecret', 'my-secret', 'my_secret', 'shhhhh', 'key', 'test'];

const HMAC_HASHES: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

/** True when an HS256/384/512 token's signature verifies with a well-known example key. */
function isSignedWithExampleKey(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return false;
  const alg = decodeJsonObject(header)?.['alg'];
  const hash = typeof alg === 'string' ? HMAC_HASHES[alg] : undefined;
  if (hash === undefined) return false;
  const signed = `${header}.${payload}`;
  return EXAMPLE_HMAC_KEYS.some((key) => createHmac(hash, key).update(signed).digest('base64url') === signature);
}

/** A JWT's header and payload must both be base64url JSON objects, and the header must name an algorithm. */
function isJwt(token: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) return false;
  const decodedHeader = decodeJsonObject(header);
  const alg = decodedHeader?.['alg'];
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') return false;
  return decodeJsonObject(payload) !== undefined;
}

/** The sample token on jwt.io and in countless tutorials. */
const JWT_IO_SAMPLE_SIGNATURE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

const PRIVATE_KEY_REMEDY =
  'Treat the key as compromised: generate a new key pair, replace the public key wherever it is trusted (servers, certificates, authorized_keys), and remove the old one from history.';

/** Private keys in their common text encodings, and JSON Web Tokens / Keys. */
export const keyRules: readonly RuleSpec[] = [
  {
    id: 'private-key-rsa',
    description: 'RSA private key (PEM, PKCS#1)',
    severity: 'critical',
    keywords: ['begin rsa private key'],
    pattern: pemBlock('RSA PRIVATE KEY'),
    entropy: 4.5,
    validate: isDerSequence,
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQCr45mLHKGjz2dv6S3+dPtAQoTWD4bhy+r0mECcfZBJRY91i2qZ\nI38DqXuQ7r4LEPDUIopRVjMUzrgvQdfVH6so9TECLe6IBpWS7eTzVQaxbvHeAZge\nyAk22b7cDCN/PnYCl87DlENafl7cydhTyWzDKUVXMzbzzW4VudEOvel2tQIDAQAB\nAoGBAKqJ0AcDSyP5XQjdcvKpIbapyJ2RHiPca6ptfH1G3uazixf2ULbLTvNVLfGn\nzQmxrx7pfg4g1eFpD7hjPT6IgwkpoRTa2mgUHwZgTYcNbhOxhBFLgvFVFp+DxJi/\nVNBimwa+XuIoYhzM3OEBKG7zjJxA8ar4kOdzAcx762IQc11BAkEA1Lj0AobSpGgX\nrb6h6Lj6epRm05uVsSFfYhw8lKwjqZXuY/tYP0l0WxIX2xjVQQuzCk3PNkWMOvAy\nejepvrr7jQJBAM7b9EN0vJwoy1ehj4QEMjhECU/QN0KTkakVzDNbCwOxKqmGG5OT\nUPzb6HYLtXKn4oPYJxIeCy8VC0AyuuHKCckCQFiJZl4K2W8+N+TDvEXNf8s3KxkV\n35bqyfVexUQn5Wv3EFKi0Vb97qTdAfrZ+iBpiypVulHfXn9Fa+z8b/UHhB0CQCLm\nZzquSlgKZew9/MmoL5TgnbWSipA3935QiCgt9xjDXlBFqQdn9mUC8SBhb1aNzqCx\n6j2bRgXGhiRpqrAHd0kCQQDIVXEP6yH0YOMzUFgB2AQhlNdbXPOtI5tzYy37R8/y\nnx/RyG8wi+761b01FiRCW5CjJ+URTgV8aveOezFtiv7V\n-----END RSA PRIVATE KEY-----', 'tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQCr45mLHKGjz2dv6S3+dPtAQoTWD4bhy+r0mECcfZBJRY91i2qZ\nI38DqXuQ7r4LEPDUIopRVjMUzrgvQdfVH6so9TECLe6IBpWS7eTzVQaxbvHeAZge\nyAk22b7cDCN/PnYCl87DlENafl7cydhTyWzDKUVXMzbzzW4VudEOvel2tQIDAQAB\nAoGBAKqJ0AcDSyP5XQjdcvKpIbapyJ2RHiPca6ptfH1G3uazixf2ULbLTvNVLfGn\nzQmxrx7pfg4g1eFpD7hjPT6IgwkpoRTa2mgUHwZgTYcNbhOxhBFLgvFVFp+DxJi/\nVNBimwa+XuIoYhzM3OEBKG7zjJxA8ar4kOdzAcx762IQc11BAkEA1Lj0AobSpGgX\nrb6h6Lj6epRm05uVsSFfYhw8lKwjqZXuY/tYP0l0WxIX2xjVQQuzCk3PNkWMOvAy\nejepvrr7jQJBAM7b9EN0vJwoy1ehj4QEMjhECU/QN0KTkakVzDNbCwOxKqmGG5OT\nUPzb6HYLtXKn4oPYJxIeCy8VC0AyuuHKCckCQFiJZl4K2W8+N+TDvEXNf8s3KxkV\n35bqyfVexUQn5Wv3EFKi0Vb97qTdAfrZ+iBpiypVulHfXn9Fa+z8b/UHhB0CQCLm\nZzquSlgKZew9/MmoL5TgnbWSipA3935QiCgt9xjDXlBFqQdn9mUC8SBhb1aNzqCx\n6j2bRgXGhiRpqrAHd0kCQQDIVXEP6yH0YOMzUFgB2AQhlNdbXPOtI5tzYy37R8/y\nnx/RyG8wi+761b01FiRCW5CjJ+URTgV8aveOezFtiv7V\n-----END RSA PRIVATE KEY-----'.replace(/\n(?=[A-Za-z0-9+/=-])/g, '\n    ')],
      noMatch: [
        '-----BEGIN RSA PRIVATE KEY-----\n<paste the private key of the deploy user here; keep it out of version control, rotate it yearly>\n-----END RSA PRIVATE KEY-----',
        'The file starts with -----BEGIN RSA PRIVATE KEY----- and ends with -----END RSA PRIVATE KEY-----.',
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----',
        '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0F67CAF964F2CB392B89E3EFB3B69DD3\n\n2M1rKUn5I4siSROdRNYgwAVEpFX01pbnUMVNoWfCG+pgiTf3SUR5etoaMp1sCZO1\nXgBBebAGCXjeIK3sxYU3zq9tVPQxgiDVK0N6d7hjQnFXTh5xHnwC/hK9RhiKgqpf\ndi0vuhNFjGLsNEyuQmL8tCm3ATQBb4w8BNyoCxYvhCIaJNbAxs7fTFTwx01htyzE\nF96yWT+7JTJcO1ZUMosQle9+1VNyzpQYogsJ4PW7jb7oqzZSzTY3tb140uRLQNvK\n8lIPgeUdp5W5gOREzD1ne7pegiEz/LIzmw5a6zvNbBaSIpHRynLAvoYAv8NUSMb0\nDUCkxheyqZ6vCbXeogPPz0NsltNcGnN7KNnuIhAP3xbmjNenC4nc4qmlpzLMvIvS\nqvwgodaV/pg7RCSIMsUO9H3wfZkgOMlIiKMB6g/s/x0LhM3p9upfTDuZnFOcsTZT\nuRqR6lG+ePUn35WUf51SCOE65rNyN23C92stiZFloMVRGKOJKGfzN4Z4S5MUqFJj\nFaXn9de6zNIXyDPdkwOO+es7qsxPXTSMwot7s2ICPHoWwvBAlie14ANpNWgABPIC\nbBKLiJgHGAMVImQO+7lq6x1tGZoSX/6SaECtg3iEW8UZlPjBOJLS/hlILpxn3s8v\nGmw+sFPWPMV+WcC93qss2l5aAPvU2Ygm+NgdS7leq1KNLupRS/aA7udflKHlEjGK\n0zCVOeFKmF4hHKe+40TO9ZtzFuXFIiqNYOjnKb6KFsw7HX5Cm+FsZ3y105f/efWD\nHdUc3GXwgg5cONtUtO1u5wux0k9K/abTR9yJ7RVKRHx4PeuKqC0qHVj6hCoFIEI7\n-----END RSA PRIVATE KEY-----',
      ],
    },
  },
  {
    id: 'private-key-ec',
    description: 'Elliptic-curve private key (PEM, SEC1)',
    severity: 'critical',
    keywords: ['begin ec private key'],
    pattern: pemBlock('EC PRIVATE KEY'),
    entropy: 4.5,
    validate: isDerSequence,
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['const signingKey = "-----BEGIN EC PRIVATE KEY-----\\n" +\n\t"MHcCAQEEIOh6Jsyz0diK3mB5uTctGb3mWI11pFQkEbhdYoBZYPsKoAoGCCqGSM49\\n" +\n\t"AwEHoUQDQgAEdllAfUPZ07SAFq+oXWdCnt3qTAC7QwZ8iN2287++M/5Q2/ffegMv\\n" +\n\t"90j6Buzj9Q2tfHXCMzzZq9KJaYa1DN9wwA==\\n" +\n\t"-----END EC PRIVATE KEY-----\\n"', 'KEY = (\n    \'-----BEGIN EC PRIVATE KEY-----\\n\'\n    \'MHcCAQEEIOh6Jsyz0diK3mB5uTctGb3mWI11pFQkEbhdYoBZYPsKoAoGCCqGSM49\\n\'\n    \'AwEHoUQDQgAEdllAfUPZ07SAFq+oXWdCnt3qTAC7QwZ8iN2287++M/5Q2/ffegMv\\n\'\n    \'90j6Buzj9Q2tfHXCMzzZq9KJaYa1DN9wwA==\\n\'\n    \'-----END EC PRIVATE KEY-----\\n\'\n)', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIOh6Jsyz0diK3mB5uTctGb3mWI11pFQkEbhdYoBZYPsKoAoGCCqGSM49\nAwEHoUQDQgAEdllAfUPZ07SAFq+oXWdCnt3qTAC7QwZ8iN2287++M/5Q2/ffegMv\n90j6Buzj9Q2tfHXCMzzZq9KJaYa1DN9wwA==\n-----END EC PRIVATE KEY-----'],
      noMatch: ['-----BEGIN EC PRIVATE KEY-----\n<your key here>\n-----END EC PRIVATE KEY-----'],
    },
  },
  {
    id: 'private-key-dsa',
    description: 'DSA private key (PEM)',
    severity: 'critical',
    keywords: ['begin dsa private key'],
    pattern: pemBlock('DSA PRIVATE KEY'),
    entropy: 4.5,
    validate: isDerSequence,
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['-----BEGIN DSA PRIVATE KEY-----\nMIIBygIBAAKBgQCW+XVU+meKmdV4suDFHphVJvJL+TX7CD7/P3qM/p16IW1asa6j\nxzacZhWGSXv2QeUrjMz+pd5WmrcmcIOfQcae0vCEMJBuI+XM4RPs8jptSC2xAWWY\nG1Pwytq1R1SKjVDzEnWjMFRKW8E13WboExebHozPEWZGnhz1ZM6fm8NK3QIdAIWd\nE5u5xOrJtospdxuFf48V2QE3cswpdUA4kIMCgYBVeZLoe4tmA6smVfvZrO81Boaw\n7eFx/6jIYwL7R1hYyaP8vs/gWvvNhwCXH6D5K5kXfkji85DBKHFnfx2s6KH+GL0N\nJkfB1JVP41+3IdEgmE8kCBrfrIIMakLfNpdFr0asDVZ1Lcmhwxtlp2vu1dAHuagD\nq3KoA9Pzjc1V5xWqgQKBgCWYgThh43Sbh2n9qOP83MD5qnONsOn63ncBNpzljYjl\nQyeIzfH6Of7WPzZB/SSkJ+leMtHxIgWDT/cP0lTxNcx+I0uZyFWe3u8heIx503Zb\nfm5gHKz1/zIEqMpVqIp1mlNbj68/U1QUfqJiYrbzokgP7/7SARbXWsZTI8pNycDU\nAhxBWy23Vamf+tl0YyUpZx5zPYX1kzJ6Qg+aU+JB\n-----END DSA PRIVATE KEY-----'],
      noMatch: ['grep -q "BEGIN DSA PRIVATE KEY" "$keyfile" && echo "DSA keys are deprecated"'],
    },
  },
  {
    id: 'private-key-pkcs8',
    description: 'Private key (PEM, unencrypted PKCS#8 "BEGIN PRIVATE KEY")',
    severity: 'critical',
    keywords: ['begin private key'],
    pattern: pemBlock('PRIVATE KEY'),
    entropy: 4.5,
    validate: isDerSequence,
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIDs52Und9lIgVRnPSLhGjVhTaQxMMc58f2YeIhbnrufh\n-----END PRIVATE KEY-----', '{\n  "type": "service_account",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIDs52Und9lIgVRnPSLhGjVhTaQxMMc58f2YeIhbnrufh\\n-----END PRIVATE KEY-----\\n"\n}', '-----BEGIN PRIVATE KEY-----\nMIIBWgIBADCCATMGByqGSM44BAEwggEmAoGBAJb5dVT6Z4qZ1Xiy4MUemFUm8kv5\nNfsIPv8/eoz+nXohbVqxrqPHNpxmFYZJe/ZB5SuMzP6l3laatyZwg59Bxp7S8IQw\nkG4j5czhE+zyOm1ILbEBZZgbU/DK2rVHVIqNUPMSdaMwVEpbwTXdZugTF5sejM8R\nZkaeHPVkzp+bw0rdAh0AhZ0Tm7nE6sm2iyl3G4V/jxXZATdyzCl1QDiQgwKBgFV5\nkuh7i2YDqyZV+9ms7zUGhrDt4XH/qMhjAvtHWFjJo/y+z+Ba+82HAJcfoPkrmRd+\nSOLzkMEocWd/Hazoof4YvQ0mR8HUlU/jX7ch0SCYTyQIGt+sggxqQt82l0WvRqwN\nVnUtyaHDG2Wna+7V0Ae5qAOrcqgD0/ONzVXnFaqBBB4CHEFbLbdVqZ/62XRjJSln\nHnM9hfWTMnpCD5pT4kE=\n-----END PRIVATE KEY-----'],
      noMatch: ['if (pem.startsWith("-----BEGIN PRIVATE KEY-----")) { return parsePkcs8(pem); }', '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----'],
    },
  },
  {
    id: 'private-key-encrypted',
    description: 'Passphrase-encrypted private key (PEM, PKCS#8 "BEGIN ENCRYPTED PRIVATE KEY")',
    severity: 'medium',
    keywords: ['begin encrypted private key'],
    pattern: pemBlock('ENCRYPTED PRIVATE KEY'),
    entropy: 4.5,
    validate: isDerSequence,
    remedy: 'The key is protected only by its passphrase: generate a new key pair and retire this one, especially if the passphrase is weak or stored nearby.',
    examples: {
      match: ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAgjQI7i+7mBWQICCAAw\nDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEAqeDJ3z2CMb+KDWJJvvS70EQGmm\nkyhuVZBEbHMynKH9ko/7nX/qMlNslJDm0o6CUFPSOc9VE3tdPXtolro7w98/OK77\n8EqRbOfHPLdpqLaB1Vs=\n-----END ENCRYPTED PRIVATE KEY-----'],
      noMatch: ['openssl pkcs8 -topk8 -in key.pem -out key.enc.pem  # writes -----BEGIN ENCRYPTED PRIVATE KEY-----'],
    },
  },
  {
    id: 'private-key-pem-legacy-encrypted',
    description: 'Passphrase-encrypted private key (legacy PEM with Proc-Type: 4,ENCRYPTED)',
    severity: 'medium',
    keywords: ['proc-type: 4,encrypted'],
    pattern:
      '-----BEGIN (?:RSA|EC|DSA) PRIVATE KEY-----\\s{1,8}Proc-Type: 4,ENCRYPTED\\s{1,8}DEK-Info: [A-Z0-9-]{3,30},[A-Fa-f0-9]{16,64}\\s{1,8}(?<secret>[A-Za-z0-9+/][A-Za-z0-9+/=\\s]{58,16384}[A-Za-z0-9+/=])\\s{0,8}-----END (?:RSA|EC|DSA) PRIVATE KEY-----',
    entropy: 4.5,
    remedy: 'The key is protected only by its passphrase: generate a new key pair and retire this one.',
    examples: {
      match: ['-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0F67CAF964F2CB392B89E3EFB3B69DD3\n\n2M1rKUn5I4siSROdRNYgwAVEpFX01pbnUMVNoWfCG+pgiTf3SUR5etoaMp1sCZO1\nXgBBebAGCXjeIK3sxYU3zq9tVPQxgiDVK0N6d7hjQnFXTh5xHnwC/hK9RhiKgqpf\ndi0vuhNFjGLsNEyuQmL8tCm3ATQBb4w8BNyoCxYvhCIaJNbAxs7fTFTwx01htyzE\nF96yWT+7JTJcO1ZUMosQle9+1VNyzpQYogsJ4PW7jb7oqzZSzTY3tb140uRLQNvK\n8lIPgeUdp5W5gOREzD1ne7pegiEz/LIzmw5a6zvNbBaSIpHRynLAvoYAv8NUSMb0\nDUCkxheyqZ6vCbXeogPPz0NsltNcGnN7KNnuIhAP3xbmjNenC4nc4qmlpzLMvIvS\nqvwgodaV/pg7RCSIMsUO9H3wfZkgOMlIiKMB6g/s/x0LhM3p9upfTDuZnFOcsTZT\nuRqR6lG+ePUn35WUf51SCOE65rNyN23C92stiZFloMVRGKOJKGfzN4Z4S5MUqFJj\nFaXn9de6zNIXyDPdkwOO+es7qsxPXTSMwot7s2ICPHoWwvBAlie14ANpNWgABPIC\nbBKLiJgHGAMVImQO+7lq6x1tGZoSX/6SaECtg3iEW8UZlPjBOJLS/hlILpxn3s8v\nGmw+sFPWPMV+WcC93qss2l5aAPvU2Ygm+NgdS7leq1KNLupRS/aA7udflKHlEjGK\n0zCVOeFKmF4hHKe+40TO9ZtzFuXFIiqNYOjnKb6KFsw7HX5Cm+FsZ3y105f/efWD\nHdUc3GXwgg5cONtUtO1u5wux0k9K/abTR9yJ7RVKRHx4PeuKqC0qHVj6hCoFIEI7\n-----END RSA PRIVATE KEY-----'],
      noMatch: ['-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQCr45mLHKGjz2dv6S3+dPtAQoTWD4bhy+r0mECcfZBJRY91i2qZ\nI38DqXuQ7r4LEPDUIopRVjMUzrgvQdfVH6so9TECLe6IBpWS7eTzVQaxbvHeAZge\nyAk22b7cDCN/PnYCl87DlENafl7cydhTyWzDKUVXMzbzzW4VudEOvel2tQIDAQAB\nAoGBAKqJ0AcDSyP5XQjdcvKpIbapyJ2RHiPca6ptfH1G3uazixf2ULbLTvNVLfGn\nzQmxrx7pfg4g1eFpD7hjPT6IgwkpoRTa2mgUHwZgTYcNbhOxhBFLgvFVFp+DxJi/\nVNBimwa+XuIoYhzM3OEBKG7zjJxA8ar4kOdzAcx762IQc11BAkEA1Lj0AobSpGgX\nrb6h6Lj6epRm05uVsSFfYhw8lKwjqZXuY/tYP0l0WxIX2xjVQQuzCk3PNkWMOvAy\nejepvrr7jQJBAM7b9EN0vJwoy1ehj4QEMjhECU/QN0KTkakVzDNbCwOxKqmGG5OT\nUPzb6HYLtXKn4oPYJxIeCy8VC0AyuuHKCckCQFiJZl4K2W8+N+TDvEXNf8s3KxkV\n35bqyfVexUQn5Wv3EFKi0Vb97qTdAfrZ+iBpiypVulHfXn9Fa+z8b/UHhB0CQCLm\nZzquSlgKZew9/MmoL5TgnbWSipA3935QiCgt9xjDXlBFqQdn9mUC8SBhb1aNzqCx\n6j2bRgXGhiRpqrAHd0kCQQDIVXEP6yH0YOMzUFgB2AQhlNdbXPOtI5tzYy37R8/y\nnx/RyG8wi+761b01FiRCW5CjJ+URTgV8aveOezFtiv7V\n-----END RSA PRIVATE KEY-----'],
    },
  },
  {
    id: 'private-key-openssh',
    description: 'OpenSSH private key without a passphrase',
    severity: 'critical',
    keywords: ['begin openssh private key'],
    pattern: pemBlock('OPENSSH PRIVATE KEY'),
    validate: (body: string): boolean => opensshCipher(body) === 'none',
    remedy: 'Generate a new SSH key, replace the public key in every authorized_keys, deploy-key and CI setting, and remove the old one.',
    examples: {
      match: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB6TcOIHV~8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7wAAAIiBvnaygb52\nsgAAAAtzc2gtZWQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7w\nAAAEDim+DvK4qfoldbyfEgsvHWx0QKkwTfxGDbofOy4VLQ1XpNw4gdVvwOtQBaba7hWeVw\nngwoLhUaJeFcletjJjPvAAAAAAECAwQF\n-----END OPENSSH PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7wAAAIiBvnaygb52\nsgAAAAtzc2gtZWQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7w\nAAAEDim+DvK4qfoldbyfEgsvHWx0QKkwTfxGDbofOy4VLQ1XpNw4gdVvwOtQBaba7hWeVw\nngwoLhUaJeFcletjJjPvAAAAAAECAwQF\n-----END OPENSSH PRIVATE KEY-----', 'deploy_key: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\\nQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7wAAAIiBvnaygb52\\nsgAAAAtzc2gtZWQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7w\\nAAAEDim+DvK4qfoldbyfEgsvHWx0QKkwTfxGDbofOy4VLQ1XpNw4gdVvwOtQBaba7hWeVw\\nngwoLhUaJeFcletjJjPvAAAAAAECAwQF\\n-----END OPENSSH PRIVATE KEY-----"'],
      noMatch: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAYdxzFPF\ngJ9Etc8SuANRX2AAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIM7z3iJOmsk17hm8\n7f+iyXJWvmpd24kt1qRqqKjLB3FXAAAAkOx6s/6YRVldAotIq1tYF8oUPUrjT4sCJ6NWcA\nX0cngFWfTQA6CMy1+x6qp4H8bWHjVi0O5YGmweyYhVnh5f8BXK7mYSs9YkOCiwjdPqYtjJ\n0wkfeOyXjLcC5XnE+ftStqvjEax6wipdknqwDygfBzC630qR7YlzmtPesG50T6UJuG/f2n\nJRSZa7PBrgxQGbgA==\n-----END OPENSSH PRIVATE KEY-----', 'ssh-keygen writes -----BEGIN OPENSSH PRIVATE KEY----- blocks'],
    },
  },
  {
    id: 'private-key-openssh-encrypted',
    description: 'OpenSSH private key protected by a passphrase',
    severity: 'medium',
    keywords: ['begin openssh private key'],
    pattern: pemBlock('OPENSSH PRIVATE KEY'),
    validate: (body: string): boolean => {
      const cipher = opensshCipher(body);
      return cipher !== undefined && cipher !== 'none';
    },
    remedy: 'The key is protected only by its passphrase: generate a new SSH key and remove this one from authorized_keys.',
    examples: {
      match: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABAYdxzFPF\ngJ9Etc8SuANRX2AAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIM7z3iJOmsk17hm8\n7f+iyXJWvmpd24kt1qRqqKjLB3FXAAAAkOx6s/6YRVldAotIq1tYF8oUPUrjT4sCJ6NWcA\nX0cngFWfTQA6CMy1+x6qp4H8bWHjVi0O5YGmweyYhVnh5f8BXK7mYSs9YkOCiwjdPqYtjJ\n0wkfeOyXjLcC5XnE+ftStqvjEax6wipdknqwDygfBzC630qR7YlzmtPesG50T6UJuG/f2n\nJRSZa7PBrgxQGbgA==\n-----END OPENSSH PRIVATE KEY-----'],
      noMatch: ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7wAAAIiBvnaygb52\nsgAAAAtzc2gtZWQyNTUxOQAAACB6TcOIHVb8DrUAWm2u4VnlcJ4MKC4VGiXhXJXrYyYz7w\nAAAEDim+DvK4qfoldbyfEgsvHWx0QKkwTfxGDbofOy4VLQ1XpNw4gdVvwOtQBaba7hWeVw\nngwoLhUaJeFcletjJjPvAAAAAAECAwQF\n-----END OPENSSH PRIVATE KEY-----'],
    },
  },
  {
    id: 'private-key-putty',
    description: 'PuTTY private key file (PPK) without encryption',
    severity: 'critical',
    keywords: ['putty-user-key-file'],
    pattern:
      'PuTTY-User-Key-File-[23]:[ \\t]*[a-z0-9@.-]{3,40}[ \\t]*\\r?\\nEncryption:[ \\t]*none[\\s\\S]{0,4000}?Private-Lines:[ \\t]*[0-9]{1,3}[ \\t]*\\r?\\n(?<secret>(?:[A-Za-z0-9+/]{64}\\r?\\n){0,200}[A-Za-z0-9+/=]{4,64})(?=\\r?\\n)',
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240517\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMQxda2/DIXBK/yV8b9LIdq6SnLRMpBb8hBu3wT8\nsGdk\nPrivate-Lines: 1\nAAAAIIPDtYSDARGV+6xboJSIAyaNjnJxl5gpKWqgI+C4QKWF\nPrivate-MAC: bff91903570814c5b9e9d32ed2cdd70f50e83e3f21a93fe1ddda5da09daa3bda', 'PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\nComment: rsa-key-20190312\nPublic-Lines: 4\nAAAAB3NzaC1yc2FueCdO8dfFNrjAYWOzyNn/xzAWpHk1DXc6TUlTTa3pEniMhj4o\nVLkuHkW/jEulVUXgEkRu/e7xIlvMtAxap3C80XlDI6KvJO8iRyZwyzjHo6pDXry+\nqcy8FEIBat48vP2bW3eGXMptX6rK+x5TS8iG8xC2T+6VZiB4V8FWSger2LDwoPTq\nfpLGAMJjHw==\nPrivate-Lines: 7\n3X7xkLkzCGGWpTdPglpa2JtS3CfNsvdusAxatRMHCvKKi5XOStylOqmWizZ3vrbA\nqtWOeg7EGvaf9zGGo0vk23OFDNKC0dFnnRdIMokRGj/vVfB1xaYsjWxgyfpw56Up\n4ALNibVuTujLiTUardFYX1uFT1jiWLZTekPFTs3W42AYZ/MhFfWqw+ruYl0FFwhU\n/OjQRLTDOkDqNCER8AK3MLf1iHVTfFa59uG8K0mP/RrSTwvMKZv5ijJrjGOgNli1\nzmQJQWRuZQ9hYg4ypdP1FhC8AZWPoPWehXZMggF7UmMsRMysml3w/9nBXITVsZkN\nTE93TZ5oSLFyOBvDUA0AxOJNbQ9MQxyJlMP1H3yWuShAiyT55kqSoeJlrabI9Vzb\nxISTUzmrq4JLQSTo\nPrivate-MAC: 9c4d07f7251232489957f458e2aac87c5915ec83'],
      noMatch: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: deploy-key\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMQxda2/DIXBK/yV8b9LIdq6SnLRMpBb8hBu3wT8\nsGdk\nKey-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 21\nArgon2-Parallelism: 1\nArgon2-Salt: 0e08c13ccb648f9bf8d8d8ace819688f\nPrivate-Lines: 1\nC/U0G8/IEJE+2DwFLtL9DK/hbo4CgqiGPhiewtYogFF5NtyJyPcwc5tlascBn2Nd\nPrivate-MAC: 09702637601690b81bf330d058f269a8c338c1dade8fa244d403f3ce5153d97e', 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: see docs'],
    },
  },
  {
    id: 'private-key-putty-encrypted',
    description: 'PuTTY private key file (PPK) protected by a passphrase',
    severity: 'medium',
    keywords: ['putty-user-key-file'],
    pattern:
      'PuTTY-User-Key-File-[23]:[ \\t]*[a-z0-9@.-]{3,40}[ \\t]*\\r?\\nEncryption:[ \\t]*(?!none)[a-z0-9-]{3,30}\\r?\\n[\\s\\S]{0,4000}?Private-Lines:[ \\t]*[0-9]{1,3}[ \\t]*\\r?\\n(?<secret>(?:[A-Za-z0-9+/]{64}\\r?\\n){0,200}[A-Za-z0-9+/=]{4,64})(?=\\r?\\n)',
    remedy: 'The key is protected only by its passphrase: generate a new key pair and remove this one from authorized_keys.',
    examples: {
      match: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: deploy-key\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMQxda2/DIXBK/yV8b9LIdq6SnLRMpBb8hBu3wT8\nsGdk\nKey-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 21\nArgon2-Parallelism: 1\nArgon2-Salt: 0e08c13ccb648f9bf8d8d8ace819688f\nPrivate-Lines: 1\nC/U0G8/IEJE+2DwFLtL9DK/hbo4CgqiGPhiewtYogFF5NtyJyPcwc5tlascBn2Nd\nPrivate-MAC: 09702637601690b81bf330d058f269a8c338c1dade8fa244d403f3ce5153d97e'],
      noMatch: ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key-20240517\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIMQxda2/DIXBK/yV8b9LIdq6SnLRMpBb8hBu3wT8\nsGdk\nPrivate-Lines: 1\nAAAAIIPDtYSDARGV+6xboJSIAyaNjnJxl5gpKWqgI+C4QKWF\nPrivate-MAC: bff91903570814c5b9e9d32ed2cdd70f50e83e3f21a93fe1ddda5da09daa3bda'],
    },
  },
  {
    id: 'private-key-pgp',
    description: 'PGP / GPG private key block',
    severity: 'critical',
    keywords: ['begin pgp private key block'],
    pattern:
      '-----BEGIN PGP PRIVATE KEY BLOCK-----(?:\\\\[rn]|\\s){1,8}(?<secret>[A-Za-z0-9+/][A-Za-z0-9+/=\\s:.,()@<>\'"\\\\]{198,65536}[A-Za-z0-9+/=])(?:\\\\[rn]|\\s){0,8}-----END PGP PRIVATE KEY BLOCK-----',
    entropy: 4.5,
    validate: (body: string): boolean => /[A-Za-z0-9+/]{60}/.test(body),
    remedy: 'Revoke the key (gpg --gen-revoke) and publish the revocation, then create a new key and update every place that trusts the old one.',
    examples: {
      match: ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgEawJcjBYJKwYBBAHaRw8BAQdA83j1yjdMcShAHCvxwVaBFBzOStKxMn60Dv6x\nhvVMHoUAAQDqqNmROX0I93W53RxLjX1VvT0BkUOCgk5JyrIlfW+oYw+FtCBCdWls\nZCBCb3QgPGJ1aWxkLWJvdEBjb3JwLXg3LmlvPoiQBBMWCAA4FiEEI876I8eP+x2U\n1c2KdRyTOJncW5EFAmsCXIwCGwMFCwkIBwIGFQoJCAsCBBYCAwECHgECF4AACgkQ\ndRyTOJncW5GrNAD/T7o9kmAtmWqe5IqX0UzhemJOcTIF1RO6PekGR91/b6oA/ijM\nYrXxakYNacuwoG3ELQvwOAllhAbT+Mdc5JoTq98B\n=DLck\n-----END PGP PRIVATE KEY BLOCK-----'],
      noMatch: ['Export with `gpg --armor --export-secret-keys` to get a -----BEGIN PGP PRIVATE KEY BLOCK----- file.'],
    },
  },
  {
    id: 'jwk-private-key',
    description: 'JSON Web Key with private key material (the "d" parameter)',
    severity: 'critical',
    keywords: ['"kty"', "'kty'"],
    pattern:
      '\\{(?=[^{}]{0,4000}?["\']kty["\'][ \\t]{0,4}:[ \\t]{0,4}["\'](?:RSA|EC|OKP)["\'])[^{}]{0,4000}?["\']d["\'][ \\t]{0,4}:[ \\t]{0,4}["\'](?<secret>[A-Za-z0-9_-]{32,1400})["\']',
    entropy: 4,
    remedy: 'Generate a new key, publish its public half in the JWKS, and remove this key from every signer and from history.',
    examples: {
      match: ['{"kty":"EC","x":"zIpFwpSp5iDNAga7TnW39QzA47pgx1gyPY9u-RPIXuc","y":"QEu5NFQ6Sg_9UYIBRf3xSPZAW87pwPC7Dl4AO_ib6iA","crv":"P-256","d":"ah-U_JaYbLMbRd2YZi6K3h2gtGGIPoga-ysCZHS0DSk","kid":"signing-2024","use":"sig","alg":"ES256"}', 'const jwk = {"crv":"Ed25519","d":"z73hG2Ch3IVpcyvkEhxvLIti0goewZUL-GE9BKzwMBY","x":"v_QnHWlQXUnxLP_h0KzQpOkY9mF0fRdYjEj1qCH0uso","kty":"OKP"};'],
      noMatch: ['{"kty":"EC","crv":"P-256","x":"AEJTEG6D5aSrG3K-Sfopase5z1PYUFnnuyk3GtLa1TI","y":"5ktQdeb_sRAw7mVPmHILvuzv9DW19GF2MDT6WgA65p2"}', '{"kty":"RSA","n":"ZAn4Soe6vCTG2NMhAAx70KHY1OZTnX89vjZRmIzdYnB4hJUy1Qm7TZ6UhR15pixUxGbqrHv1OsOVlzbJ9-oqHo","e":"AQAB","d":"<private exponent>"}'],
    },
  },
  {
    id: 'jwk-symmetric-key',
    description: 'JSON Web Key holding a symmetric secret ("kty": "oct")',
    severity: 'high',
    keywords: ['"kty"', "'kty'"],
    pattern:
      '\\{(?=[^{}]{0,2000}?["\']kty["\'][ \\t]{0,4}:[ \\t]{0,4}["\']oct["\'])[^{}]{0,2000}?["\']k["\'][ \\t]{0,4}:[ \\t]{0,4}["\'](?<secret>[A-Za-z0-9_-]{16,700})["\']',
    entropy: 3.5,
    validate: (key: string): boolean => !isDocumentedExample(key),
    remedy: 'Generate a new symmetric key, update every service that signs or verifies with it, and remove this one.',
    examples: {
      match: ['{"kty":"oct","kid":"hmac-1","alg":"HS256","k":"zWGZg94KGLSW5q1rA99CLwH0iblxLkbVfhBvwB2to3J"}'],
      noMatch: ['{"kty":"oct","alg":"HS256","k":"<base64url secret>"}'],
    },
  },
  {
    id: 'jwt',
    description: 'JSON Web Token (signed, with a decodable header naming its algorithm)',
    severity: 'medium',
    keywords: ['eyj'],
    pattern: `${LB}(?<secret>eyJ[A-Za-z0-9_-]{10,2000}\\.ey[A-Za-z0-9_-]{4,8000}\\.[A-Za-z0-9_-]{16,1000})${RB}`,
    validate: (token: string): boolean => isJwt(token) && !isSignedWithExampleKey(token),
    allowlist: { stopwords: [JWT_IO_SAMPLE_SIGNATURE.toLowerCase()] },
    remedy: 'Revoke the session or rotate the signing key that issued the token; a bearer token works until it expires.',
    examples: {
      match: [
        'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c3JfdjUxdDhldzl3biIsImlhdCI6MTczMTE5Nzc1OCwiZXhwIjoxODkzNDU2MDAwLCJzY29wZSI6InJlYWQgd3JpdGUifQ.9c4i-STdSJUwckJ0LnaMvqgDtnw9X8astvWyj2JLZkc" https://api.corp.io/v1/me',
        'ACCESS_TOKEN=eyJhbGciOiJSUzI1NiIsImtpZCI6Ilk1VXJaZ1E2T01BTEJzRzIiLCJ0eXAiOiJKV1QifQ.eyJpc3MiOiJodHRwczovL2F1dGguY29ycC14Y3J3dGcuaW8vIiwiYXVkIjoiYXBpIiwic3ViIjoiYmI3NDEyMzEzMTJjYmY1ZDllNGQ3MjFmIiwiaWF0IjoxNzMxNTY3NTUyfQ.ekBTY5-4IeukdGudNR3ahQkr5vsQl6cENHa8DkRrSEjW9nJkTnSbxr1wCdrG-qIM5-3uKDk2WtD6hQKxa4R8aH6-_ursH9CHE8n5KoZk9vFCRzLtYvZ-eFDQUu4q_xYtpptB-_u2echhnkpsks1ih4EZcI9CzDfNPj658eNrg3zUR-ubaJ6EsC7JXAX10NIzi0AZbBBpoXL2NVj204BdbqWTWV5f_cPYdOVeuJjZ_RfcHL00Jn_MbUwReFC3ULnwdCOIVsXeAZmcpz6dEXWZ_mg4CVtonDeH-QqRQhW-igAzaK9dFfdEHzTsatYmbzEkipdU1erXUgWuNLV_Zcr3tQ',
        'SERVICE_TOKEN=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtcmVwb3J0cyIsImlhdCI6MTczMTAwMDAwMH0.gtrc_LwCwYg42MCXNayYmmxCU9wuMVsveLzcQAyab-4',
      ],
      noMatch: [
        'token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"',
        'token = "eyJub3RhIjoiand0In0.eyJzdWIiOiJ4In0.95kYPkAz8wBw2OOgXyCxbW0rB46FdwxXmwoWqDGB7uR"',
        'token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.4rx4rr4LoGdA5lUZ0zEWlMlCm1bek3OoHSVvfVudA1n"',
        '>>> jwt.encode({"some": "payload"}, "secret", algorithm="HS256")\n\'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg\'',
      ],
    },
  },
  {
    id: 'private-key-pem-other',
    description: 'Private key in PEM with another label (e.g. ED25519, X25519, SM2, ANY PRIVATE KEY)',
    severity: 'high',
    keywords: ['private key-----'],
    pattern: pemBlock('(?!(?:RSA|EC|DSA|ENCRYPTED|OPENSSH) PRIVATE)[A-Z0-9]{2,20}(?: [A-Z0-9]{2,20}){0,2} PRIVATE KEY'),
    entropy: 4,
    validate: (body: string): boolean => pemDer(body) !== undefined,
    remedy: PRIVATE_KEY_REMEDY,
    examples: {
      match: ['-----BEGIN ED25519 PRIVATE KEY-----\nBCAWj7kt0BcCjD1gWM8mXYXC5n97E6JGVHYrK7CI5XKJbwjECdafPmuxo+5B0+wP\n-----END ED25519 PRIVATE KEY-----'],
      noMatch: ['-----BEGIN RSA PRIVATE KEY-----\nMIICXQIBAAKBgQCr45mLHKGjz2dv6S3+dPtAQoTWD4bhy+r0mECcfZBJRY91i2qZ\nI38DqXuQ7r4LEPDUIopRVjMUzrgvQdfVH6so9TECLe6IBpWS7eTzVQaxbvHeAZge\nyAk22b7cDCN/PnYCl87DlENafl7cydhTyWzDKUVXMzbzzW4VudEOvel2tQIDAQAB\nAoGBAKqJ0AcDSyP5XQjdcvKpIbapyJ2RHiPca6ptfH1G3uazixf2ULbLTvNVLfGn\nzQmxrx7pfg4g1eFpD7hjPT6IgwkpoRTa2mgUHwZgTYcNbhOxhBFLgvFVFp+DxJi/\nVNBimwa+XuIoYhzM3OEBKG7zjJxA8ar4kOdzAcx762IQc11BAkEA1Lj0AobSpGgX\nrb6h6Lj6epRm05uVsSFfYhw8lKwjqZXuY/tYP0l0WxIX2xjVQQuzCk3PNkWMOvAy\nejepvrr7jQJBAM7b9EN0vJwoy1ehj4QEMjhECU/QN0KTkakVzDNbCwOxKqmGG5OT\nUPzb6HYLtXKn4oPYJxIeCy8VC0AyuuHKCckCQFiJZl4K2W8+N+TDvEXNf8s3KxkV\n35bqyfVexUQn5Wv3EFKi0Vb97qTdAfrZ+iBpiypVulHfXn9Fa+z8b/UHhB0CQCLm\nZzquSlgKZew9/MmoL5TgnbWSipA3935QiCgt9xjDXlBFqQdn9mUC8SBhb1aNzqCx\n6j2bRgXGhiRpqrAHd0kCQQDIVXEP6yH0YOMzUFgB2AQhlNdbXPOtI5tzYy37R8/y\nnx/RyG8wi+761b01FiRCW5CjJ+URTgV8aveOezFtiv7V\n-----END RSA PRIVATE KEY-----', '-----BEGIN ED25519 PRIVATE KEY-----\n(generated at deploy time)\n-----END ED25519 PRIVATE KEY-----'],
    },
  },
];
