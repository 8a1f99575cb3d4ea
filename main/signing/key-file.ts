/**
 * The CLI's private key file: JSON `{ "type": "cuecard-private-key", "role": "root"|"approver",
 * "publicKey": "ed25519:…", "privateKey": "<PKCS#8 DER, base64>" }`, written with mode 0600 and
 * never overwritten. (The app keeps the private half sealed with safeStorage instead.)
 */
import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { KeyObject } from 'node:crypto';
import { PublicKeySchema } from '../../common/signing/formats';
import { privateKeyObject, publicKeyOf, type KeyPair } from './ed25519';

const MAX_KEY_FILE_BYTES = 4096;

const KeyFileSchema = z
  .object({
    type: z.literal('cuecard-private-key'),
    role: z.enum(['root', 'approver']),
    publicKey: PublicKeySchema,
    privateKey: z.string().max(1000),
  })
  .strict();
export type KeyRole = z.infer<typeof KeyFileSchema>['role'];

export async function writeKeyFile(file: string, role: KeyRole, pair: KeyPair): Promise<void> {
  // 'wx': never replaces an existing key (a lost root key cannot be recovered).
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify({ type: 'cuecard-private-key', role, publicKey: pair.publicKey, privateKey: pair.privateKeyPkcs8 }, null, 2)}\n`);
  } finally {
    await handle.close();
  }
}

export async function readKeyFile(file: string, role: KeyRole): Promise<{ publicKey: string; privateKey: KeyObject }> {
  const text = await readFile(file, 'utf8');
  if (Buffer.byteLength(text) > MAX_KEY_FILE_BYTES) throw new Error(`${file} is not a Cuecard key file (too large)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not a Cuecard key file (not JSON)`);
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a Cuecard key file: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  if (parsed.data.role !== role) throw new Error(`${file} holds ${parsed.data.role === 'root' ? 'the org root key' : 'an approver key'}, not ${role === 'root' ? 'the org root key' : 'an approver key'}`);
  const privateKey = privateKeyObject(parsed.data.privateKey);
  if (publicKeyOf(privateKey) !== parsed.data.publicKey) throw new Error(`${file}: its private and public halves do not match`);
  return { publicKey: parsed.data.publicKey, privateKey };
}
