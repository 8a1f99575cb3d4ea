import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rawPublicKeyBase64, signManifest } from '../../../deploy/tools/release';
import { parseEd25519PublicKey, type ReleaseKey } from '../../../main/update/ed25519';
import { verifyManifest, type ReleaseManifest } from '../../../main/update/release-manifest';
import { keyIdOf } from './fakes';

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const parsed = parseEd25519PublicKey(rawPublicKeyBase64(publicKey));
  if (!parsed.ok) throw new Error(parsed.message);
  return { publicKey, privateKey, trusted: parsed.key };
}

const sha = (text: string) => createHash('sha512').update(text).digest('base64');
const manifest: ReleaseManifest = {
  product: 'cuecard',
  channel: 'stable',
  os: 'win',
  version: '1.3.0',
  files: [{ name: 'Cuecard-Setup-1.3.0.exe', sha512: sha('installer'), size: 9 }],
};
const expectation = (trustedKeys: ReleaseKey[]) => ({ trustedKeys, currentVersion: '1.2.0', channel: 'stable' as const, os: 'win' as const });

describe('signed release manifests', () => {
  const org = keyPair();

  it('verifies a manifest signed by the pinned release key', () => {
    const signed = JSON.stringify(signManifest(manifest, org.privateKey, org.publicKey));
    expect(verifyManifest(signed, expectation([org.trusted]))).toEqual({ ok: true, manifest });
  });

  it('refuses a tampered manifest', () => {
    const signed = signManifest(manifest, org.privateKey, org.publicKey);
    const tampered = { ...signed, payload: signed.payload.replace(sha('installer'), sha('evil installer')) };
    expect(verifyManifest(JSON.stringify(tampered), expectation([org.trusted]))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a manifest signed by an unknown key, even a well-formed one', () => {
    const stranger = keyPair();
    const signed = JSON.stringify(signManifest(manifest, stranger.privateKey, stranger.publicKey));
    expect(verifyManifest(signed, expectation([org.trusted]))).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('refuses a signature made by another key under the trusted key id', () => {
    const stranger = keyPair();
    const forged = { ...signManifest(manifest, stranger.privateKey, stranger.publicKey), keyId: org.trusted.id };
    expect(verifyManifest(JSON.stringify(forged), expectation([org.trusted]))).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it.each(['1.2.0', '1.1.9', '1.3.0-beta.1'])('refuses a signed release %s that is not newer than 1.2.0', (version) => {
    const current = version === '1.3.0-beta.1' ? '1.3.0' : '1.2.0';
    const signed = JSON.stringify(signManifest({ ...manifest, version }, org.privateKey, org.publicKey));
    expect(verifyManifest(signed, { ...expectation([org.trusted]), currentVersion: current })).toMatchObject({ ok: false, reason: 'not_newer' });
  });

  it('refuses a manifest for another channel or OS (a signed beta replayed to stable)', () => {
    const signed = JSON.stringify(signManifest({ ...manifest, channel: 'beta' }, org.privateKey, org.publicKey));
    expect(verifyManifest(signed, expectation([org.trusted]))).toMatchObject({ ok: false, reason: 'wrong_release' });
  });

  it.each([
    ['not json', '{'],
    ['wrong shape', '{"payload": 1}'],
    ['extra field', JSON.stringify({ payload: '{}', keyId: '0123456789abcdef', signature: 'A'.repeat(86) + '==', more: 1 })],
    ['huge payload', JSON.stringify({ payload: 'x'.repeat(70_000), keyId: '0123456789abcdef', signature: 'A'.repeat(86) + '==' })],
  ])('refuses a malformed manifest (%s)', (_name, text) => {
    expect(verifyManifest(text, expectation([org.trusted]))).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses a correctly signed payload that is not a valid manifest (path in a file name)', () => {
    expect(() => signManifest({ ...manifest, files: [{ name: '../evil.exe', sha512: sha('x'), size: 1 }] }, org.privateKey, org.publicKey)).toThrow(/file name/);
  });
});

describe('parseEd25519PublicKey', () => {
  it.each(['', 'abc', 'A'.repeat(44), `${'A'.repeat(42)}==`, ' '.repeat(44)])('refuses %j', (text) => {
    expect(parseEd25519PublicKey(text).ok).toBe(false);
  });

  it('gives the same id for the same key and different ids for different keys', () => {
    const a = keyPair();
    const b = keyPair();
    expect(parseEd25519PublicKey(rawPublicKeyBase64(a.publicKey))).toMatchObject({ ok: true, key: { id: a.trusted.id } });
    expect(a.trusted.id).toBe(keyIdOf(rawPublicKeyBase64(a.publicKey)));
    expect(a.trusted.id).not.toBe(b.trusted.id);
  });
});
