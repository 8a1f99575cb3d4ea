/**
 * The org key list: the approver keys (name, public key, valid from, revoked at), the tags whose
 * templates need two approvers, and an increasing version; signed by the org root key over its
 * RFC 8785 canonical JSON (as approvals are, see approval.ts). A client accepts a list only if the
 * root signature verifies and its version is not lower than the one it holds.
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { MAX_TAG_LENGTH } from '../knowledge';
import { PublicKeySchema, SignatureTextSchema } from './formats';

/** Bounds a list: a hostile server cannot make a client hold more than this. */
export const MAX_LISTED_KEYS = 1000;
export const MAX_SENSITIVE_TAGS = 100;
/** The most bytes of a signed key list a client reads (1000 keys take about 200 KB). */
export const MAX_KEY_LIST_BYTES = 512 * 1024;

const IsoDate = z.string().datetime({ offset: true });
const KeyNameSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9._@-]+$/, 'may contain only letters, digits and . _ @ -');

export const ListedKeySchema = z
  .object({ name: KeyNameSchema, publicKey: PublicKeySchema, validFrom: IsoDate, revokedAt: IsoDate.nullable() })
  .strict();
export type ListedKey = z.infer<typeof ListedKeySchema>;

export const KeyListSchema = z
  .object({
    type: z.literal('cuecard-key-list'),
    version: z.number().int().positive().max(2_147_483_647),
    issuedAt: IsoDate,
    keys: z.array(ListedKeySchema).max(MAX_LISTED_KEYS),
    sensitiveTags: z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_SENSITIVE_TAGS),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, key] of list.keys.entries()) {
      for (const part of [`name:${key.name}`, `key:${key.publicKey}`]) {
        if (seen.has(part)) ctx.addIssue({ code: 'custom', path: ['keys', i], message: `${part.split(':')[0]} listed twice` });
        seen.add(part);
      }
    }
  });
export type KeyList = z.infer<typeof KeyListSchema>;

export const SignedKeyListSchema = z.object({ list: KeyListSchema, signature: SignatureTextSchema }).strict();
export type SignedKeyList = z.infer<typeof SignedKeyListSchema>;

/** The canonical text the root key signs. */
export function keyListPayload(list: KeyList): string {
  const text = canonicalize(list);
  if (text === undefined) throw new Error('the key list could not be canonicalised');
  return text;
}
