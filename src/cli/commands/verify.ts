import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { CheckpointMemory } from '../../io/ledger/client.js';
import { LEDGER_OPTIONS, ledgerPaths, parseIndex, parseStrict, showPath, trustedKeys } from '../../io/ledger/options.js';
import { compareWithSealed, sealedFromAttestation, sealedFromLog } from '../../io/ledger/operations.js';
import { EXIT_FINDINGS, EXIT_OK, type Command } from '../types.js';

const help = `Usage: leakproof verify PATH (--entry N | --manifest FILE) [--log DIR] [--key FILE | --pubkey KEY] [--state DIR] [--json]

Check PATH against what was sealed: print every modified, added and removed file, and verify
the sealed entry's inclusion proof against a signed checkpoint. Exit 0 when PATH is unchanged,
1 when it differs, 2 when the proof, a signature or the ledger is bad.

  --entry N         the ledger entry printed by \`seal\`
  --manifest FILE   a seal attestation (DSSE) written by \`seal --attestation\`; checked on its own
  --log DIR         ledger directory (default .leakproof/ledger)
  --pubkey KEY      trusted verifier key (name+id+key, or a file holding it); repeatable
  --key FILE        trust the public half of this signing key (default .leakproof/ledger.key)
  --state DIR       where the last trusted checkpoint is remembered (default .leakproof/ledger-state);
                    a newer checkpoint is accepted only with a consistency proof, and a fork is
                    reported with its evidence kept there
`;

export const verifyCommand: Command = {
  name: 'verify',
  summary: 'Check a release against its sealed manifest and the ledger proofs',
  help,
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { ...LEDGER_OPTIONS, entry: { type: 'string' }, manifest: { type: 'string' } }, 'verify');
    if (positionals.length !== 1) throw new LeakproofError('USAGE', 'verify needs exactly one PATH');
    if ((values.entry === undefined) === (values.manifest === undefined)) throw new LeakproofError('USAGE', 'verify needs one of --entry N or --manifest FILE');
    const paths = ledgerPaths(values, io.cwd);
    const trusted = await trustedKeys(values, paths, io.cwd);
    const memory = new CheckpointMemory(paths.stateDir, trusted.map((t) => t.verifier));
    const sealed =
      values.entry !== undefined
        ? await sealedFromLog(paths.logDir, parseIndex(values.entry, '--entry'), trusted.map((t) => t.verifier), memory)
        : await sealedFromAttestation(path.resolve(io.cwd, values.manifest!), trusted, memory, paths.logDir);
    const result = await compareWithSealed(path.resolve(io.cwd, positionals[0]!), sealed, [paths.logDir, paths.keyFile, paths.stateDir]);
    const changed = result.modified.length + result.added.length + result.removed.length > 0 || !result.artifactDigestMatches;
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(
          {
            ok: !changed,
            entry: sealed.index,
            checkpointSize: sealed.checkpoint.size,
            origin: sealed.checkpoint.origin,
            sealedDigest: sealed.manifest.artifactDigest,
            currentDigest: result.current.artifactDigest,
            modified: result.modified,
            added: result.added,
            removed: result.removed,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const lines = [
        ...result.modified.map((p) => `modified ${showPath(p)}`),
        ...result.added.map((p) => `added    ${showPath(p)}`),
        ...result.removed.map((p) => `removed  ${showPath(p)}`),
      ];
      if (!result.artifactDigestMatches) lines.push(`artifact digest differs: sealed ${sealed.manifest.artifactDigest}, now ${result.current.artifactDigest}`);
      lines.push(`inclusion proof of entry ${sealed.index} verified against the checkpoint of ${sealed.checkpoint.origin} at size ${sealed.checkpoint.size}`);
      lines.push(changed ? `CHANGED: ${result.modified.length} modified, ${result.added.length} added, ${result.removed.length} removed` : `OK: ${showPath(positionals[0]!)} matches entry ${sealed.index} (${sealed.manifest.artifactDigest})`);
      io.stdout.write(`${lines.join('\n')}\n`);
    }
    return changed ? EXIT_FINDINGS : EXIT_OK;
  },
};
