import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { cosignatureVerifier, cosigner } from '../../engines/ledger/cosignature.js';
import { decodeEntry } from '../../engines/ledger/entries.js';
import { addSignatures, openNote } from '../../engines/ledger/note.js';
import { loadSigner } from '../../io/ledger/keys.js';
import { leafHash, rangeHash, verifyConsistency, verifyInclusion } from '../../engines/ledger/merkle.js';
import { CheckpointMemory } from '../../io/ledger/client.js';
import { fsck } from '../../io/ledger/fsck.js';
import { LEDGER_OPTIONS, ledgerPaths, parseIndex, parseStrict, trustedKeys } from '../../io/ledger/options.js';
import { LogReader } from '../../io/ledger/tlog.js';
import { EXIT_FINDINGS, EXIT_OK, type Command } from '../types.js';

const help = `Usage: leakproof log <checkpoint|inclusion|consistency|events|fsck|cosign> [options]

Inspect and check the integrity ledger (a C2SP tlog-tiles directory).

  checkpoint                 verify and print the latest signed checkpoint; remembers it, and
                             accepts a newer one only with a valid consistency proof (a fork is
                             reported with evidence kept in the state directory)
                             [--note FILE] check a (cosigned) checkpoint note from FILE instead
                             [--witness VKEY] require a valid cosignature/v1 by VKEY; repeatable
  cosign --witness-key FILE  act as a witness: check the checkpoint is consistent with the last one
                             this witness saw (--state), then print it with a cosignature/v1 added
  inclusion --entry N        print and verify the inclusion proof of entry N [--size S]
  consistency --from S1      print and verify the consistency proof from size S1 [--to S2]
  events                     list audit events and seals [--action A] [--from N]
  fsck                       recompute the whole log and report every damaged file (exit 1)

Common options:
  --log DIR       ledger directory (default .leakproof/ledger)
  --pubkey KEY    trusted verifier key (name+id+key, or a file); repeatable
  --key FILE      trust the public half of this signing key (default .leakproof/ledger.key)
  --state DIR     checkpoint memory (default .leakproof/ledger-state)
  --json          machine-readable output
`;

const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64');

export const logCommand: Command = {
  name: 'log',
  summary: 'Inspect the integrity ledger: checkpoint, proofs, audit events, fsck',
  help,
  async run(args, io) {
    const { values, positionals } = parseStrict(
      args,
      {
        ...LEDGER_OPTIONS,
        entry: { type: 'string' },
        size: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        action: { type: 'string' },
        note: { type: 'string' },
        witness: { type: 'string', multiple: true },
        'witness-key': { type: 'string' },
      },
      'log',
    );
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new LeakproofError('USAGE', `log: unexpected argument '${extra[0]}'`);
    const paths = ledgerPaths(values, io.cwd);
    const out = (value: unknown, text: string): void => io.stdout.write(values.json ? `${JSON.stringify(value, null, 2)}\n` : text);

    if (action === 'fsck') {
      const hasKey = values.pubkey !== undefined || values.key !== undefined;
      const trusted = hasKey ? await trustedKeys(values, paths, io.cwd) : await trustedKeys(values, paths, io.cwd).catch(() => undefined);
      const report = await fsck(paths.logDir, trusted ? { verifiers: trusted.map((t) => t.verifier) } : {});
      out(report, [...report.problems.map((p) => `PROBLEM ${p}`), ...report.notes.map((n) => `note    ${n}`), report.ok ? `ok: ${report.size} entries, every tile and bundle checks out` : `BAD: ${report.problems.length} problem(s)`].join('\n') + '\n');
      return report.ok ? EXIT_OK : EXIT_FINDINGS;
    }

    const trusted = await trustedKeys(values, paths, io.cwd);
    const verifiers = trusted.map((t) => t.verifier);
    const reader = await LogReader.open(paths.logDir, verifiers);
    const cp = reader.opened.checkpoint;

    if (action === 'cosign') {
      if (values['witness-key'] === undefined) throw new LeakproofError('USAGE', 'log cosign needs --witness-key FILE');
      const witnessKey = await loadSigner(path.resolve(io.cwd, values['witness-key']));
      // A witness cosigns only what is consistent with everything it cosigned before.
      const memory = new CheckpointMemory(paths.stateDir, verifiers);
      await memory.accept(reader.opened.note, (a, b) => reader.consistencyProof(a, b));
      const witness = cosigner(witnessKey.signer.name, witnessKey.seed, () => BigInt(Math.floor(Date.now() / 1000)));
      io.stdout.write(addSignatures(reader.opened.note, [witness.signer]));
      return EXIT_OK;
    }
    if (action === 'checkpoint' && values.note !== undefined) {
      let note: string;
      try {
        note = await readFile(path.resolve(io.cwd, values.note), 'utf8');
      } catch (error) {
        throw new LeakproofError('INPUT_NOT_FOUND', `cannot read the checkpoint note: ${(error as Error).message}`, { where: values.note });
      }
      const witnesses = (values.witness ?? []).map((w) => cosignatureVerifier(w));
      const opened = openNote(note, [...verifiers, ...witnesses]);
      if (!opened.verified.some((s) => verifiers.some((v) => v.name === s.name && v.keyId === s.keyId))) throw new LeakproofError('SIGNATURE_INVALID', 'the note is not signed by the log key');
      for (const w of witnesses) {
        if (!opened.verified.some((s) => s.name === w.name && s.keyId === w.keyId)) throw new LeakproofError('SIGNATURE_INVALID', `no cosignature by witness ${w.name}`);
      }
      out({ verified: opened.verified.map((s) => s.name), ignored: opened.unknown.map((s) => s.name) }, `${note}# verified: ${opened.verified.map((s) => s.name).join(', ')}\n`);
      return EXIT_OK;
    }
    if (action === 'checkpoint') {
      const memory = new CheckpointMemory(paths.stateDir, verifiers);
      const accepted = await memory.accept(reader.opened.note, (a, b) => reader.consistencyProof(a, b));
      const status = accepted.previous ? `${accepted.status} (remembered size ${accepted.previous.size})` : accepted.status;
      out({ origin: cp.origin, size: cp.size, root: b64(cp.root), status: accepted.status, note: reader.opened.note }, `${reader.opened.note}# verified; ${status}\n`);
      return EXIT_OK;
    }
    if (action === 'inclusion') {
      const index = parseIndex(values.entry, '--entry');
      const size = values.size === undefined ? cp.size : parseIndex(values.size, '--size');
      if (size > cp.size) throw new LeakproofError('INDEX_INVALID', `--size ${size} is beyond the checkpoint size ${cp.size}`);
      const root = size === cp.size ? cp.root : rangeHash(reader.tiles.nodes(cp.size), 0, size);
      const leaf = leafHash(reader.entry(index));
      const proof = reader.inclusionProof(index, size);
      verifyInclusion(leaf, index, size, proof, root);
      out({ index, size, leafHash: b64(leaf), root: b64(root), proof: proof.map(b64) }, `index ${index}\nsize ${size}\nleaf ${b64(leaf)}\nroot ${b64(root)}\n${proof.map((h) => `proof ${b64(h)}\n`).join('')}# verified\n`);
      return EXIT_OK;
    }
    if (action === 'consistency') {
      const from = parseIndex(values.from, '--from');
      const to = values.to === undefined ? cp.size : parseIndex(values.to, '--to');
      if (to > cp.size || from > to) throw new LeakproofError('INDEX_INVALID', `need --from <= --to <= ${cp.size}`);
      const nodes = reader.tiles.nodes(cp.size);
      const root1 = rangeHash(nodes, 0, from);
      const root2 = to === cp.size ? cp.root : rangeHash(nodes, 0, to);
      const proof = reader.consistencyProof(from, to);
      if (from > 0) verifyConsistency(from, to, proof, root1, root2);
      out({ from, to, root1: b64(root1), root2: b64(root2), proof: proof.map(b64) }, `from ${from}\nto ${to}\nroot1 ${b64(root1)}\nroot2 ${b64(root2)}\n${proof.map((h) => `proof ${b64(h)}\n`).join('')}# verified\n`);
      return EXIT_OK;
    }
    if (action === 'events') {
      const start = values.from === undefined ? 0 : parseIndex(values.from, '--from');
      const rows: unknown[] = [];
      const lines: string[] = [];
      for (let i = start; i < cp.size; i++) {
        const e = decodeEntry(reader.entry(i));
        if (values.action !== undefined && (e.type !== 'audit' || e.action !== values.action)) continue;
        if (e.type === 'audit') {
          rows.push({ index: i, ...e });
          lines.push(`${i}\t${e.time}\t${e.actor}\t${e.action}\t${e.object}\t${JSON.stringify(e.details)}`);
        } else {
          rows.push({ index: i, type: 'seal', kind: e.kind, name: e.name, artifactDigest: e.artifactDigest });
          lines.push(`${i}\tseal\t${e.kind}\t${e.name}\t${e.artifactDigest}`);
        }
      }
      out(rows, lines.length > 0 ? `${lines.join('\n')}\n` : '');
      return EXIT_OK;
    }
    throw new LeakproofError('USAGE', 'log: expected checkpoint, inclusion, consistency, events, fsck or cosign');
  },
};
