/**
 * The signing endpoints' wire format (issue #15): registering approver keys, the signed org key
 * list, and reading the exact version a lead is about to sign.
 */
import { z } from 'zod';
import { PublicKeySchema } from './formats';
import { ListedKeySchema, SignedKeyListSchema } from './key-list';
import { RetirementSignatureSchema } from './retirement';

/** `POST /v1/keys` (lead): register an approver key under a name. */
export const RegisterKeySchema = z.object({ name: ListedKeySchema.shape.name, publicKey: PublicKeySchema }).strict();
export const RegisteredKeySchema = z.object({ name: z.string(), publicKey: z.string(), registeredBy: z.string(), registeredAt: z.string() });
export type RegisteredKey = z.infer<typeof RegisteredKeySchema>;
/** `GET /v1/keys` (admin): every registered key, for the admin to sign into the list. */
export const RegisteredKeysSchema = z.object({ keys: z.array(RegisteredKeySchema) });

/**
 * The refusal code of a signature by a key the server has not registered. The server's message
 * names no tool: the CLI adds "run `keys register`", the Library points to its Signing key tab.
 */
export const KEY_NOT_REGISTERED_CODE = 'key_not_registered';

/** `GET /v1/key-list` (agent): `{ keyList }`, the latest signed list as uploaded or `null` before the first; `PUT` (admin) uploads one. */
export const KEY_LIST_PATH = '/v1/key-list';


/**
 * `GET /v1/entries/:id/version?locale=&version=` (lead): the content of one version, to sign it
 * (answered as common/library-protocol.ts's VersionContentSchema).
 */
export function versionContentPath(id: string, locale: string, version?: number | 'live'): string {
  const which: Record<string, string> = version === undefined ? {} : version === 'live' ? { live: 'true' } : { version: String(version) };
  const query = new URLSearchParams({ locale, ...which });
  return `/v1/entries/${encodeURIComponent(id)}/version?${query.toString()}`;
}

/** The `/v1/events` event telling agents that an admin uploaded key list `{version}`: fetch and check it now. */
export const KEY_LIST_EVENT = 'key-list';
export const KeyListEventSchema = z.object({ version: z.number().int().positive().max(2_147_483_647) }).strict();

/** `DELETE /v1/entries/:id?locale=` (lead): an optional body carries the approver's signature of the retirement. */
export const RetireBodySchema = z.object({ signature: RetirementSignatureSchema.optional() }).strict();

/** The answer to `GET /v1/key-list`. */
export const KeyListResponseSchema = z.object({ keyList: SignedKeyListSchema.nullable() });
