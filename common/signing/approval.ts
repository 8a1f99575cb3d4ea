/**
 * What an approver signs: the RFC 8785 (JCS) canonical JSON of exactly what an agent will use of
 * one version — `{id, locale, kind, title, body, tags, url, version, approvedAt, keyId}` — as
 * UTF-8 bytes. Canonicalisation by the `canonicalize` package (keys sorted by UTF-16 code units,
 * no whitespace, ECMAScript number and string serialisation); the layout and test vectors are in
 * docs/signing.md so another implementation can verify.
 */
import canonicalize from 'canonicalize';
import { z } from 'zod';
import { PublicKeySchema, SignatureTextSchema } from './formats';

/** The fields of an entry that are signed (what the agent sees and pastes). */
export interface SignedContent {
  id: string;
  locale: string;
  kind: string;
  title: string;
  body: string;
  tags: readonly string[];
  urlOrPath: string | null;
  version: number;
}

/** One approver's signature as the server stores and relays it. */
export interface ApprovalSignature {
  keyId: string;
  approvedAt: string;
  signature: string;
}

/** The most signatures one version carries (two approvers are the most any rule asks for). */
export const MAX_SIGNATURES = 8;

export const ApprovalSignatureSchema = z
  .object({ keyId: PublicKeySchema, approvedAt: z.string().datetime({ offset: true }), signature: SignatureTextSchema })
  .strict();

/**
 * Signatures as an entry carries them on the wire and in the local DB: loosely typed on purpose,
 * so a tampered or truncated signature is refused by the verifier with its reason (bad signature,
 * unknown key) instead of making the whole item unreadable.
 */
export const CarriedSignaturesSchema = z
  .array(z.object({ keyId: z.string().max(200), approvedAt: z.string().max(100), signature: z.string().max(200) }))
  .max(MAX_SIGNATURES);

/** The canonical text signed for `content` approved at `approvedAt` by `keyId`. */
export function approvalPayload(content: SignedContent, approval: { approvedAt: string; keyId: string }): string {
  const text = canonicalize({
    id: content.id,
    locale: content.locale,
    kind: content.kind,
    title: content.title,
    body: content.body,
    tags: [...content.tags],
    url: content.urlOrPath,
    version: content.version,
    approvedAt: approval.approvedAt,
    keyId: approval.keyId,
  });
  if (text === undefined) throw new Error('the approval payload could not be canonicalised');
  return text;
}
