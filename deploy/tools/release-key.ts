/**
 * `npm run release:keygen -- <private-key-file>`: creates the org's Ed25519 release key. The
 * private key goes to the file (mode 0600; keep it in the build machine's secret store, never in
 * git); the public key printed is what main/update/release-keys.ts or the releaseKey policy pins.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { generateReleaseKey } from './release';

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run release:keygen -- <private-key-file.pem>');
  process.exit(2);
}
if (existsSync(target)) {
  console.error(`${target} exists; refusing to overwrite a release key.`);
  process.exit(1);
}
const key = generateReleaseKey();
writeFileSync(target, key.privateKeyPem, { mode: 0o600 });
console.log(`private key written to ${target}`);
console.log(`public key (pin this): ${key.publicKeyBase64}`);
console.log(`key id: ${key.keyId}`);
