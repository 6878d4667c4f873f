import path from 'node:path';
import { LeakproofError } from '../../errors.js';
import { cosigner } from '../../engines/ledger/cosignature.js';
import { generateKeyFile, loadSigner } from '../../io/ledger/keys.js';
import { ledgerPaths, parseStrict } from '../../io/ledger/options.js';
import { EXIT_OK, type Command } from '../types.js';

const help = `Usage: leakproof key generate --name NAME --out FILE
       leakproof key public [--key FILE] [--cosignature]

Manage the Ed25519 key that signs the ledger's checkpoints (C2SP signed-note format).

  generate   Write a new private key to FILE (mode 0600, never overwritten) as
             PRIVATE+KEY+<name>+<key id>+<base64>, and print its verifier key
             <name>+<key id>+<base64>. NAME is the log's name, e.g. example.com/releases.
  public     Print the verifier key of a private key file (default .leakproof/ledger.key);
             with --cosignature, the key's cosignature/v1 verifier key (for a witness).
`;

export const keyCommand: Command = {
  name: 'key',
  summary: 'Generate ledger signing keys and print verifier keys',
  help,
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { name: { type: 'string' }, out: { type: 'string' }, key: { type: 'string' }, cosignature: { type: 'boolean' } }, 'key');
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new LeakproofError('USAGE', `key: unexpected argument '${extra[0]}'`);
    if (action === 'generate') {
      if (values.name === undefined || values.out === undefined) throw new LeakproofError('USAGE', 'key generate needs --name NAME and --out FILE');
      const key = await generateKeyFile(values.name, path.resolve(io.cwd, values.out));
      io.stdout.write(`${key.verifierKey}\n`);
      return EXIT_OK;
    }
    if (action === 'public') {
      const key = await loadSigner(ledgerPaths(values, io.cwd).keyFile);
      io.stdout.write(`${values.cosignature ? cosigner(key.signer.name, key.seed, () => 0n).verifierKey : key.verifierKey}\n`);
      return EXIT_OK;
    }
    throw new LeakproofError('USAGE', 'key: expected `generate` or `public`');
  },
};
