/**
 * A lead's approver key in the Library (issue #15): made on this computer with its private half
 * sealed by the OS keychain (ApproverKeyStore; only the public half ever leaves main), registered
 * with the server under a name, its standing in the server's signed org key list, and the
 * signature the Library's Approve sends when the organisation signs approvals — the same
 * canonical payload `approve --key` signs (common/signing/approval.ts).
 */
import type { z } from 'zod';
import type { ApproverKeyView } from '../../common/library-contract';
import { VersionContentSchema } from '../../common/library-protocol';
import type { ApprovalSignature } from '../../common/signing/approval';
import type { RetirementSignature, RetirementTarget } from '../../common/signing/retirement';
import { KEY_LIST_PATH, KeyListResponseSchema, RegisteredKeySchema, versionContentPath } from '../../common/signing/signing-protocol';
import { DomainError } from '../core/domain-error';
import type { ApproverKeyStore } from '../signing/approver-key-store';
import { rootSigned } from '../signing/key-list-builder';

/** The lead's server as the Library reaches it (LibraryServices: its target, role check and refusals). */
export interface LeadServer {
  request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, schema: S): Promise<z.output<S>>;
  serverUrl(): string;
}

export interface ApproverKeyDeps {
  keys: ApproverKeyStore;
  server: LeadServer;
  /** The pinned org root key (managed policy or Settings), or null. */
  rootKey(): string | null;
}

export const NO_APPROVER_KEY =
  'Your organisation signs approvals, and this computer has no approver key yet: create one in the "Signing key" tab and register it, then approve again.';
export const KEY_NOT_REGISTERED =
  'Your approver key is not registered with this server: register it in the "Signing key" tab (an admin then signs it into the org key list), then approve again.';
export const NO_KEY_TO_RETIRE =
  'Your organisation signs retirements, and this computer has no approver key yet: create one in the "Signing key" tab and register it, then retire again. Nothing was retired.';
export const KEY_NOT_REGISTERED_TO_RETIRE =
  'Your approver key is not registered with this server: register it in the "Signing key" tab (an admin then signs it into the org key list), then retire again. Nothing was retired.';

export class ApproverKeyServices {
  constructor(private readonly deps: ApproverKeyDeps) {}

  async view(): Promise<ApproverKeyView> {
    const { keys, server } = this.deps;
    const publicKey = await keys.publicKey();
    const { keyList } = await server.request('GET', KEY_LIST_PATH, undefined, KeyListResponseSchema);
    const root = this.deps.rootKey();
    const entry = publicKey === null ? null : (keyList?.list.keys.find((k) => k.publicKey === publicKey) ?? null);
    return {
      publicKey,
      registeredAs: publicKey === null ? null : ((await keys.registeredName(server.serverUrl())) ?? entry?.name ?? null),
      signingRequired: root !== null || keyList !== null,
      keyList: keyList && {
        version: keyList.list.version,
        rootSignature: root === null ? 'not_checked' : rootSigned(keyList, root) ? 'verified' : 'invalid',
        entry,
      },
    };
  }

  /** Makes this computer's key (never replaces one); refused, and nothing kept, without a keychain. */
  async create(): Promise<ApproverKeyView> {
    try {
      await this.deps.keys.create();
    } catch (error) {
      throw new DomainError('secure_storage_unavailable', `Your approver key could not be sealed on this computer (${(error as Error).message}); nothing was kept.`);
    }
    return this.view();
  }

  /**
   * A replacement key after a revocation or a loss: made and sealed like the first (the old one is
   * kept sealed aside, unused); the lead registers it under a new name and an admin signs a new
   * org key list that includes it.
   */
  async replace(): Promise<ApproverKeyView> {
    try {
      await this.deps.keys.replace();
    } catch (error) {
      throw new DomainError('secure_storage_unavailable', `Your replacement key could not be sealed on this computer (${(error as Error).message}); your key is unchanged.`);
    }
    return this.view();
  }

  /** `POST /v1/keys`: the server keeps the public key under `name` for an admin to sign into the list. */
  async register(name: string): Promise<ApproverKeyView> {
    const { keys, server } = this.deps;
    const publicKey = await keys.publicKey();
    if (publicKey === null) throw new DomainError('invalid_input', 'Create your approver key first; then register it.');
    const registered = await server.request('POST', '/v1/keys', { name, publicKey }, RegisteredKeySchema);
    await keys.noteRegistered(server.serverUrl(), registered.name);
    return this.view();
  }

  /**
   * The signature to send with an approval of (id, locale, version), made over exactly that
   * version's content as the server holds it; null when the organisation does not sign approvals
   * (no root key pinned and no key list on the server): the approval goes unsigned, as before.
   */
  async approvalFor(id: string, locale: string, version: number | undefined): Promise<{ version: number; signature: ApprovalSignature } | null> {
    if (!(await this.usableKey(NO_APPROVER_KEY, KEY_NOT_REGISTERED))) return null;
    const content = await this.deps.server.request('GET', versionContentPath(id, locale, version), undefined, VersionContentSchema);
    return { version: content.version, signature: await unsealed(() => this.deps.keys.sign(content)) };
  }

  /**
   * What signs the Library's retirements (issue #15 leftovers): null when the organisation does not
   * sign (the retirement goes unsigned, as before); refused, naming what to do, without a usable key.
   * Checked once for every locale retired together.
   */
  async retirementSigner(): Promise<((target: RetirementTarget) => Promise<RetirementSignature>) | null> {
    if (!(await this.usableKey(NO_KEY_TO_RETIRE, KEY_NOT_REGISTERED_TO_RETIRE))) return null;
    return (target) => unsealed(() => this.deps.keys.signRetirement(target));
  }

  /** False when the organisation does not sign; refused when this computer's key cannot sign for it. */
  private async usableKey(noKey: string, notRegistered: string): Promise<boolean> {
    const view = await this.view();
    if (!view.signingRequired) return false;
    if (view.publicKey === null) throw new DomainError('refused', noKey);
    if (view.registeredAs === null) throw new DomainError('refused', notRegistered);
    const revokedAt = view.keyList?.entry?.revokedAt ?? null;
    if (revokedAt !== null) {
      throw new DomainError('refused', `Your approver key was revoked in the org key list (from ${revokedAt}): agents refuse what it signs. Ask an admin.`);
    }
    return true;
  }
}

async function unsealed<T>(sign: () => Promise<T>): Promise<T> {
  try {
    return await sign();
  } catch (error) {
    throw new DomainError('secure_storage_unavailable', `Your approver key could not be unsealed on this computer: ${(error as Error).message}.`);
  }
}
