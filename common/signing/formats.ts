/**
 * The text forms of keys and signatures (docs/signing.md), checked exactly: a public key is
 * `ed25519:` + the raw 32-byte key in standard base64 (43 characters and one `=`), a signature the
 * raw 64 bytes in standard base64 (86 characters and `==`). Anything else — truncated, padded
 * differently, base64url, whitespace — is refused, so one key has one spelling and a key id can be
 * compared as a string. Decoding happens where Node's crypto is (main/signing/ed25519.ts).
 */
import { z } from 'zod';

export const PUBLIC_KEY_PREFIX = 'ed25519:';
const PUBLIC_KEY = /^ed25519:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
const SIGNATURE = /^[A-Za-z0-9+/]{85}[AQgw]==$/;

/** Why `text` is not a public key in the one accepted form, or null. */
export function publicKeyProblem(text: string): string | null {
  if (!text.startsWith(PUBLIC_KEY_PREFIX)) return `a public key starts with "${PUBLIC_KEY_PREFIX}"`;
  if (!PUBLIC_KEY.test(text)) return `a public key is "${PUBLIC_KEY_PREFIX}" + 32 bytes in base64 (44 characters ending in "=")`;
  return null;
}

export function isSignatureText(text: string): boolean {
  return SIGNATURE.test(text);
}

export const PublicKeySchema = z
  .string()
  .max(100)
  .superRefine((value, ctx) => {
    const problem = publicKeyProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const SignatureTextSchema = z.string().max(100).refine(isSignatureText, 'a signature is 64 bytes in base64 (88 characters ending in "==")');
