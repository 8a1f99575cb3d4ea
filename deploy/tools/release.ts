/**
 * Release signing for the build machine: after electron-builder has written dist/latest.yml (or
 * beta.yml, latest-mac.yml, …) and the installers, sign a manifest of them with the org's Ed25519
 * release key. The app refuses any update whose manifest that key did not sign.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseAppUpdateConfig } from '../../main/update/app-update-config';
import { ED25519_SPKI_PREFIX, keyId } from '../../main/update/ed25519';
import { sha512File } from '../../main/update/fetch-bounded';
import { ReleaseManifestSchema, releaseManifestName, type ReleaseManifest, type ReleaseOs, type SignedManifest, type UpdateChannel } from '../../main/update/release-manifest';

/** The base64 raw form of a public key object (what IT pins). */
export function rawPublicKeyBase64(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return der.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
}

/** Signs the manifest text exactly as it will be verified (main/update/release-manifest.ts). */
export function signManifest(manifest: ReleaseManifest, privateKey: KeyObject, publicKey: KeyObject): SignedManifest {
  const payload = JSON.stringify(ReleaseManifestSchema.parse(manifest));
  return {
    payload,
    keyId: keyId(Buffer.from(rawPublicKeyBase64(publicKey), 'base64')),
    signature: sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

/** electron-updater's feed file for a channel and OS (the channel "stable" is its "latest"). */
export function feedFileName(channel: UpdateChannel, os: ReleaseOs): string {
  return `${channel === 'stable' ? 'latest' : channel}${os === 'mac' ? '-mac' : ''}.yml`;
}

export function generateReleaseKey(): { privateKeyPem: string; publicKeyBase64: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyBase64 = rawPublicKeyBase64(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64,
    keyId: keyId(Buffer.from(publicKeyBase64, 'base64')),
  };
}

export interface SignOptions {
  dir: string;
  channel: UpdateChannel;
  os: ReleaseOs;
  privateKeyPem: string;
}

/** Writes dist/release-<channel>-<os>.json; throws when a file differs from what the feed says. */
export async function signRelease(options: SignOptions): Promise<{ file: string; manifest: ReleaseManifest; keyId: string }> {
  const feedFile = path.join(options.dir, feedFileName(options.channel, options.os));
  const feed = parseYaml(readFileSync(feedFile, 'utf8')) as { version?: unknown; files?: { url?: unknown; sha512?: unknown; size?: unknown }[] };
  if (typeof feed.version !== 'string' || !Array.isArray(feed.files) || feed.files.length === 0) throw new Error(`${feedFile} has no version or files`);
  const files: ReleaseManifest['files'] = [];
  for (const entry of feed.files) {
    const name = String(entry.url);
    const onDisk = path.join(options.dir, name);
    if (!existsSync(onDisk)) throw new Error(`${name} is listed in ${path.basename(feedFile)} but is not in ${options.dir}`);
    const sha512 = await sha512File(onDisk);
    if (sha512 !== entry.sha512) throw new Error(`${name} does not match the sha512 in ${path.basename(feedFile)}`);
    files.push({ name, sha512, size: readFileSync(onDisk).length });
  }
  const manifest: ReleaseManifest = { product: 'cuecard', channel: options.channel, os: options.os, version: feed.version, files };
  const privateKey = createPrivateKey(options.privateKeyPem);
  const signed = signManifest(manifest, privateKey, createPublicKey(privateKey));
  const file = path.join(options.dir, releaseManifestName(options.channel, options.os));
  writeFileSync(file, `${JSON.stringify(signed, null, 2)}\n`);
  return { file, manifest, keyId: signed.keyId };
}

/** Checks on a packaged app's resources folder (run on the build machine after `npm run dist`). */
export function checkPackagedResources(resourcesDir: string, platform: NodeJS.Platform): string[] {
  const problems: string[] = [];
  const appUpdate = path.join(resourcesDir, 'app-update.yml');
  if (!existsSync(appUpdate)) problems.push(`${appUpdate} is missing: the app could not update itself.`);
  else {
    const checked = parseAppUpdateConfig(readFileSync(appUpdate, 'utf8'), platform);
    if (!checked.ok) problems.push(checked.message);
  }
  if (!existsSync(path.join(resourcesDir, 'app.asar'))) problems.push('resources/app.asar is missing: the app is not packed into ASAR.');
  if (!existsSync(path.join(resourcesDir, 'app.asar.unpacked/node_modules/sqlite3'))) problems.push('sqlite3 is not unpacked from ASAR: the database cannot load.');
  return problems;
}
