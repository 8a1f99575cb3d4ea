/**
 * `npm run release:sign -- --dir dist --channel stable --os win` with the private key file in
 * CUECARD_RELEASE_KEY_FILE (or --key): writes dist/release-<channel>-<os>.json to upload beside
 * latest.yml. Fails when an installer differs from the feed file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { signRelease } from './release';

const { values } = parseArgs({
  options: { dir: { type: 'string', default: 'dist' }, channel: { type: 'string', default: 'stable' }, os: { type: 'string' }, key: { type: 'string' } },
});
const keyFile = values.key ?? process.env.CUECARD_RELEASE_KEY_FILE;
if (!keyFile || (values.channel !== 'stable' && values.channel !== 'beta') || (values.os !== 'win' && values.os !== 'mac')) {
  console.error('usage: npm run release:sign -- --dir dist --channel stable|beta --os win|mac [--key private.pem] (or CUECARD_RELEASE_KEY_FILE)');
  process.exit(2);
}
signRelease({ dir: values.dir, channel: values.channel, os: values.os, privateKeyPem: readFileSync(keyFile, 'utf8') })
  .then(({ file, manifest, keyId }) => console.log(`signed ${manifest.version} (${manifest.files.length} files) with key ${keyId}: ${file}`))
  .catch((error: unknown) => {
    console.error(`release:sign failed: ${(error as Error).message}`);
    process.exit(1);
  });
