import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from '../../../src/engines/ledger/checkpoint.js';
import { cosignatureVerifier, cosigner } from '../../../src/engines/ledger/cosignature.js';
import { EMPTY_ROOT, leafHash } from '../../../src/engines/ledger/merkle.js';
import {
  addSignatures,
  ed25519NoteKey,
  ed25519Verifier,
  isValidKeyName,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
} from '../../../src/engines/ledger/note.js';

// Known answers from the Go reference implementation (golang.org/x/mod/sumdb/note) documentation.
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
// The example in the C2SP signed-note specification.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? 'crash';
  }
}

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);

describe('signed notes', () => {
  it('reproduces the Go note package key encodings, key id and signature byte for byte', () => {
    const key = parseSignerKey(GO_SKEY);
    expect(key.signerKey).toBe(GO_SKEY);
    expect(key.verifierKey).toBe(GO_VKEY);
    expect(key.signer.keyId).toBe(0xc74f20a3);
    expect(signNote(GO_TEXT, [key.signer])).toBe(GO_NOTE);
    const opened = openNote(GO_NOTE, [ed25519Verifier(GO_VKEY)]);
    expect(opened.text).toBe(GO_TEXT);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('verifies the C2SP specification example', () => {
    const v = parseVerifierKey(SPEC_VKEY);
    expect(v.keyId).toBe(0x530d903a);
    expect(openNote(SPEC_NOTE, [ed25519Verifier(SPEC_VKEY)]).text).toBe('This is an example message.\n');
  });

  it('ignores unknown signers but needs one known signature', () => {
    const other = ed25519NoteKey('other.example/log', seed(9));
    const twoSigs = addSignatures(GO_NOTE, [other.signer]);
    const opened = openNote(twoSigs, [ed25519Verifier(GO_VKEY)]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unknown.map((s) => s.name)).toEqual(['other.example/log']);
    expect(codeOf(() => openNote(GO_NOTE, [other.verifier]))).toBe('SIGNATURE_INVALID');
  });

  it('rejects a note whose known signature fails, even beside a valid one', () => {
    const forged = GO_NOTE.replace('problem is.', 'problem was.');
    expect(codeOf(() => openNote(forged, [ed25519Verifier(GO_VKEY)]))).toBe('SIGNATURE_INVALID');
    // Same name and key id but a different key: a forger who copies the identity still fails.
    const impostor = ed25519NoteKey('PeterNeumann', seed(1));
    const bad = `${GO_TEXT}\n${signNote(GO_TEXT, [{ ...impostor.signer, keyId: 0xc74f20a3 }]).split('\n\n')[1]}`;
    expect(codeOf(() => openNote(bad, [ed25519Verifier(GO_VKEY)]))).toBe('SIGNATURE_INVALID');
    const withBad = addSignatures(GO_NOTE, [{ ...impostor.signer, keyId: 0xc74f20a3 }]);
    expect(codeOf(() => openNote(withBad, [ed25519Verifier(GO_VKEY)]))).toBe('SIGNATURE_INVALID');
  });

  it('rejects malformed notes and keys', () => {
    for (const msg of ['', 'no signatures\n', `${GO_TEXT}\n`, `${GO_TEXT}\n\u2014 PeterNeumann !!!\n`, `${GO_TEXT}\n- PeterNeumann x08g\n`, GO_NOTE.slice(0, -1), `a\x01b\n${GO_NOTE.slice(GO_TEXT.length)}`]) {
      expect(codeOf(() => parseNote(msg))).toBe('SIGNATURE_INVALID');
    }
    expect(codeOf(() => parseSignerKey(GO_SKEY.replace('c74f20a3', 'c74f20a4')))).toBe('KEY_INVALID');
    expect(codeOf(() => parseVerifierKey(GO_VKEY.replace('ARpc', 'ARpd')))).toBe('KEY_INVALID');
    expect(codeOf(() => parseSignerKey(GO_VKEY))).toBe('KEY_INVALID');
    expect(codeOf(() => ed25519NoteKey('has space', seed(1)))).toBe('KEY_INVALID');
    expect(codeOf(() => ed25519NoteKey('a+b', seed(1)))).toBe('KEY_INVALID');
    expect(isValidKeyName('example.com/log')).toBe(true);
    expect(isValidKeyName('')).toBe(false);
  });

  it('round-trips any valid text and signer name', () => {
    const textArb = fc.array(fc.string({ minLength: 1 }).filter((l) => !/[\x00-\x1f\x7f\ufffd]/.test(l)), { minLength: 1, maxLength: 4 }).map((ls) => `${ls.join('\n')}\n`);
    fc.assert(
      fc.property(textArb, fc.string({ minLength: 1, maxLength: 20 }).filter(isValidKeyName), (text, name) => {
        const key = ed25519NoteKey(name, seed(3));
        const signed = signNote(text, [key.signer]);
        expect(openNote(signed, [key.verifier]).text).toBe(text);
      }),
      { numRuns: 50 },
    );
  });
});

describe('checkpoints', () => {
  const root = leafHash(new Uint8Array([1]));
  it('formats and parses the tlog-checkpoint body', () => {
    const text = formatCheckpoint({ origin: 'example.com/log', size: 42, root, extensions: ['ext one'] });
    expect(text).toBe(`example.com/log\n42\n${Buffer.from(root).toString('base64')}\next one\n`);
    const cp = parseCheckpoint(text);
    expect(cp.size).toBe(42);
    expect(Buffer.from(cp.root)).toEqual(Buffer.from(root));
    expect(parseCheckpoint(formatCheckpoint({ origin: 'o', size: 0, root: EMPTY_ROOT, extensions: [] })).size).toBe(0);
  });

  it('rejects malformed checkpoints', () => {
    const r = Buffer.from(root).toString('base64');
    for (const bad of [`o\n042\n${r}\n`, `o\n-1\n${r}\n`, `o\n1\n${r.slice(4)}\n`, `\n1\n${r}\n`, `o\n1\n${r}`, `o\n1\n${r}\n\n`, `o\n99999999999999999999\n${r}\n`, 'o\n1\n']) {
      expect(codeOf(() => parseCheckpoint(bad))).toBe('LEDGER_CORRUPT');
    }
  });
});

describe('cosignature/v1', () => {
  const log = ed25519NoteKey('example.com/log', seed(5));
  const body = formatCheckpoint({ origin: 'example.com/log', size: 3, root: leafHash(new Uint8Array()), extensions: [] });
  const witness = cosigner('witness.example/w1', seed(6), () => 1_700_000_000n);

  it('adds a cosignature that verifies and carries its timestamp', () => {
    const signed = addSignatures(signNote(body, [log.signer]), [witness.signer]);
    const verifier = cosignatureVerifier(witness.verifierKey);
    const opened = openNote(signed, [log.verifier, verifier]);
    expect(opened.verified.map((s) => s.name)).toEqual(['example.com/log', 'witness.example/w1']);
    expect(verifier.timestampOf(opened.verified[1]!.signature)).toBe(1_700_000_000n);
    expect(parseVerifierKey(witness.verifierKey).alg).toBe(0x04);
  });

  it('rejects a cosignature whose timestamp or checkpoint was changed', () => {
    const signed = addSignatures(signNote(body, [log.signer]), [witness.signer]);
    const note = parseNote(signed);
    const cosig = note.signatures[1]!;
    const moved = cosig.signature.slice();
    moved[7] = (moved[7] ?? 0) ^ 1;
    const tampered = `${note.text}\n${signed.split('\n\n')[1]!.split('\n')[0]}\n\u2014 ${cosig.name} ${Buffer.concat([Buffer.from([(cosig.keyId >>> 24) & 255, (cosig.keyId >>> 16) & 255, (cosig.keyId >>> 8) & 255, cosig.keyId & 255]), moved]).toString('base64')}\n`;
    expect(codeOf(() => openNote(tampered, [log.verifier, cosignatureVerifier(witness.verifierKey)]))).toBe('SIGNATURE_INVALID');
    // A witness key is never accepted as a log key of the same name: the key ids differ by algorithm.
    expect(parseVerifierKey(witness.verifierKey).keyId).not.toBe(ed25519NoteKey('witness.example/w1', seed(6)).signer.keyId);
  });
});
