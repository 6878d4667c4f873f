import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { loadSigner } from '../../io/ledger/keys.js';
import { ledgerPaths, parseStrict } from '../../io/ledger/options.js';
import { seal, writeAttestation } from '../../io/ledger/operations.js';
import { EXIT_OK, type Command } from '../types.js';

const help = `Usage: leakproof seal PATH [--log DIR] [--key FILE] [--attestation FILE] [--json]

Hash every file of PATH (a directory, a .tar/.tar.gz, or a container image tarball), append the
manifest to the integrity ledger and print the entry index, the signed checkpoint and the
artifact digest. The append returns only once it is durable and covered by a new checkpoint.

  --log DIR            ledger directory (default .leakproof/ledger; created if missing)
  --key FILE           signing key (default .leakproof/ledger.key; see \`leakproof key generate\`)
  --attestation FILE   also write a DSSE envelope holding an in-toto Statement for the release
  --json               print the result as JSON
`;

export const sealCommand: Command = {
  name: 'seal',
  summary: 'Record what a release contains in the integrity ledger',
  help,
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { log: { type: 'string' }, key: { type: 'string' }, attestation: { type: 'string' }, json: { type: 'boolean' } }, 'seal');
    if (positionals.length !== 1) throw new LeakproofError('USAGE', 'seal needs exactly one PATH');
    const paths = ledgerPaths(values, io.cwd);
    const key = await loadSigner(paths.keyFile);
    const result = await seal(path.resolve(io.cwd, positionals[0]!), { logDir: paths.logDir, key, exclude: [paths.logDir, paths.keyFile, paths.stateDir] });
    if (values.attestation !== undefined) await writeAttestation(path.resolve(io.cwd, values.attestation), result.envelope);
    const totalBytes = result.manifest.files.reduce((n, f) => n + f.size, 0);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ entry: result.index, artifactDigest: result.manifest.artifactDigest, kind: result.manifest.kind, files: result.manifest.files.length, bytes: totalBytes, checkpoint: result.checkpoint }, null, 2)}\n`);
    } else {
      io.stdout.write(`entry ${result.index}\nartifact ${result.manifest.artifactDigest}\nkind ${result.manifest.kind}\nfiles ${result.manifest.files.length} (${totalBytes} bytes)\ncheckpoint:\n${result.checkpoint}`);
    }
    return EXIT_OK;
  },
};
