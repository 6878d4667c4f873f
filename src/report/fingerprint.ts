/**
 * The fingerprint of one place a secret was seen: sha256(ruleId + ':' + path + ':' + secretHash), hex.
 * It leaves out line and column on purpose, so a baseline keeps matching when code moves within a file.
 * The engine computes it when findings are collected; formatters and suppression files use the same function.
 */
export { locationFingerprint } from '../engines/secrets/findings.js';
