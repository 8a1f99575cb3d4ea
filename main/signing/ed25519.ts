/**
 * Ed25519 with Node's own crypto (`crypto.sign(null, …)` / `crypto.verify(null, …)`), on the text
 * forms of common/signing/formats.ts. No home-made crypto: this only converts between the raw
 * 32-byte key in `ed25519:` base64 and Node's KeyObjects.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { isSignatureText, PUBLIC_KEY_PREFIX, publicKeyProblem } from '../../common/signing/formats';
import { ED25519_SPKI_PREFIX } from '../update/ed25519';

/** Public KeyObjects by their text: a page of 1000 entries signed by a handful of keys parses each once. */
const publicKeys = new Map<string, KeyObject>();
const MAX_CACHED_KEYS = 2000;

export function publicKeyObject(text: string): KeyObject {
  const cached = publicKeys.get(text);
  if (cached) return cached;
  const problem = publicKeyProblem(text);
  if (problem) throw new Error(problem);
  const raw = Buffer.from(text.slice(PUBLIC_KEY_PREFIX.length), 'base64');
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  if (publicKeys.size >= MAX_CACHED_KEYS) publicKeys.clear();
  publicKeys.set(text, key);
  return key;
}

export function publicKeyText(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' });
  return PUBLIC_KEY_PREFIX + der.subarray(ED25519_SPKI_PREFIX.length).toString('base64');
}

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of `message`'s UTF-8 bytes. */
export function verifyText(publicKey: string, message: string, signature: string): boolean {
  if (!isSignatureText(signature) || publicKeyProblem(publicKey) !== null) return false;
  return verify(null, Buffer.from(message, 'utf8'), publicKeyObject(publicKey), Buffer.from(signature, 'base64'));
}

/**
 * verifyText() on libuv's threadpool: Node's async `crypto.verify(…, callback)` runs the Ed25519
 * check off the main thread without copying anything to a worker (issue #19). A failing check or
 * an error both answer false: nothing unchecked passes.
 */
export function verifyTextAsync(publicKey: string, message: string, signature: string): Promise<boolean> {
  if (!isSignatureText(signature) || publicKeyProblem(publicKey) !== null) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      verify(null, Buffer.from(message, 'utf8'), publicKeyObject(publicKey), Buffer.from(signature, 'base64'), (error, ok) => resolve(!error && ok));
    } catch {
      resolve(false); // a key Node cannot load: refused like a bad signature, the page goes on
    }
  });
}

export function signText(privateKey: KeyObject, message: string): string {
  return sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

export interface KeyPair {
  publicKey: string;
  /** PKCS#8 DER, base64: what the key file and the sealed store keep. */
  privateKeyPkcs8: string;
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKeyText(publicKey), privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64') };
}

export function privateKeyObject(pkcs8Base64: string): KeyObject {
  const key = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  return key;
}

export function publicKeyOf(privateKey: KeyObject): string {
  return publicKeyText(createPublicKey(privateKey));
}
