/**
 * The org's own signature on every release, on top of OS code signing (as Signal signs its
 * updates): the release script signs a manifest — product, channel, version, and each file's
 * SHA-512 — with the org's Ed25519 release key, and the app installs nothing the pinned public
 * key did not sign. A stolen code-signing certificate or a compromised update host is then not
 * enough to push a build to every desk.
 */
import { verify } from 'node:crypto';
import semver from 'semver';
import { z } from 'zod';
import type { ReleaseKey } from './ed25519';

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];
export type ReleaseOs = 'win' | 'mac';

/** The signed manifest's name next to electron-updater's latest.yml on the update host. */
export function releaseManifestName(channel: UpdateChannel, os: ReleaseOs): string {
  return `release-${channel}-${os}.json`;
}

/** A manifest is a few hundred bytes; anything near this is not one. */
export const MAX_MANIFEST_BYTES = 64 * 1024;

const Sha512Base64 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a SHA-512 digest in base64');

export const ReleaseManifestSchema = z
  .object({
    product: z.literal('cuecard'),
    channel: z.enum(UPDATE_CHANNELS),
    os: z.enum(['win', 'mac']),
    version: z.string().max(64).refine((v) => semver.valid(v) === v, 'must be a semantic version such as 1.4.2'),
    files: z
      .array(z.object({ name: z.string().min(1).max(255).regex(/^[^/\\]+$/, 'must be a file name'), sha512: Sha512Base64, size: z.number().int().nonnegative() }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export type ReleaseManifest = z.infer<typeof ReleaseManifestSchema>;

export const SignedManifestSchema = z
  .object({
    /** The manifest exactly as signed: verifying these bytes avoids any JSON canonicalisation question. */
    payload: z.string().max(MAX_MANIFEST_BYTES),
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be an Ed25519 signature in base64'),
  })
  .strict();
export type SignedManifest = z.infer<typeof SignedManifestSchema>;

export type ManifestRefusal =
  | { reason: 'malformed'; message: string }
  | { reason: 'unknown_key'; message: string }
  | { reason: 'bad_signature'; message: string }
  | { reason: 'wrong_release'; message: string }
  | { reason: 'not_newer'; message: string };

export interface ManifestExpectation {
  trustedKeys: readonly ReleaseKey[];
  currentVersion: string;
  channel: UpdateChannel;
  os: ReleaseOs;
}

/** Verifies a signed manifest's text; only a manifest signed by a trusted key for a newer version passes. */
export function verifyManifest(text: string, expected: ManifestExpectation): { ok: true; manifest: ReleaseManifest } | ({ ok: false } & ManifestRefusal) {
  let envelope: SignedManifest;
  try {
    envelope = SignedManifestSchema.parse(JSON.parse(text));
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `The release manifest is not a signed manifest (${firstLine(error)}).` };
  }
  const key = expected.trustedKeys.find((k) => k.id === envelope.keyId);
  if (!key) return { ok: false, reason: 'unknown_key', message: `The release is signed with key ${envelope.keyId}, which this app does not trust.` };
  if (!verify(null, Buffer.from(envelope.payload, 'utf8'), key.key, Buffer.from(envelope.signature, 'base64'))) {
    return { ok: false, reason: 'bad_signature', message: 'The release manifest does not match its signature: it was altered after signing.' };
  }
  let manifest: ReleaseManifest;
  try {
    manifest = ReleaseManifestSchema.parse(JSON.parse(envelope.payload));
  } catch (error) {
    return { ok: false, reason: 'malformed', message: `The signed release manifest is not valid (${firstLine(error)}).` };
  }
  if (manifest.channel !== expected.channel || manifest.os !== expected.os) {
    return { ok: false, reason: 'wrong_release', message: `The signed manifest is for ${manifest.channel}/${manifest.os}, not ${expected.channel}/${expected.os}.` };
  }
  if (!semver.gt(manifest.version, expected.currentVersion)) {
    return { ok: false, reason: 'not_newer', message: `Version ${manifest.version} is not newer than the installed ${expected.currentVersion}; Cuecard never downgrades.` };
  }
  return { ok: true, manifest };
}

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]!.slice(0, 200);
}
