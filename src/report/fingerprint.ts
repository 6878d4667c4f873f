import { createHash } from 'node:crypto';

/**
 * The fingerprint of one place a secret was seen: sha256(ruleId + ':' + path + ':' + secretHash), hex.
 * It leaves out line and column on purpose, so a baseline keeps matching when code moves within a file.
 * It is the same formula as `Finding.fingerprint` (which is the fingerprint of the first location),
 * so a baseline written from any location can be matched against either.
 */
export function locationFingerprint(ruleId: string, path: string, secretHash: string): string {
  return createHash('sha256').update(`${ruleId}:${path}:${secretHash}`, 'utf8').digest('hex');
}
