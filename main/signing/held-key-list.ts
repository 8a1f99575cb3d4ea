/**
 * The org key list this client holds (meta `signing.keyList`): accepted only if the pinned root
 * key's signature verifies and its version is not lower than the one held. A list that fails is
 * refused with its reason and the held one stays; without any, no signature verifies (every
 * signed entry is from an *unknown key*).
 */
import { SignedKeyListSchema, type KeyList, type SignedKeyList } from '../../common/signing/key-list';
import type { KeyValueStore } from '../store/key-value-store';
import { rootSigned } from './key-list-builder';

export const META_KEY_LIST = 'signing.keyList';

export const EMPTY_KEY_LIST: KeyList = { type: 'cuecard-key-list', version: 0, issuedAt: new Date(0).toISOString(), keys: [], sensitiveTags: [] };

export type KeyListOffer = { accepted: true; list: KeyList; changed: boolean } | { accepted: false; reason: string };

export class HeldKeyList {
  private held: { root: string; document: SignedKeyList } | null = null;
  private loaded = false;

  constructor(private readonly meta: KeyValueStore) {}

  /** The held list, if the pinned `root` signed it; else the empty list. */
  async current(root: string): Promise<KeyList> {
    await this.load(root);
    return this.held?.root === root ? this.held.document.list : EMPTY_KEY_LIST;
  }

  /** Checks an offered list (parsed JSON, or null when the server has none) and keeps it if acceptable. */
  async offer(root: string, offered: unknown): Promise<KeyListOffer> {
    const current = await this.current(root);
    if (offered === null) return { accepted: true, list: current, changed: false };
    const parsed = SignedKeyListSchema.safeParse(offered);
    if (!parsed.success) return { accepted: false, reason: `malformed key list: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim() };
    const document = parsed.data;
    if (!rootSigned(document, root)) return { accepted: false, reason: 'key list refused: its root signature does not verify with the pinned org root key' };
    if (document.list.version < current.version) {
      return { accepted: false, reason: `key list refused: version ${document.list.version} is lower than the held version ${current.version} (rollback)` };
    }
    const changed = document.signature !== this.held?.document.signature;
    if (changed) {
      await this.meta.set(META_KEY_LIST, document);
      this.held = { root, document };
    }
    return { accepted: true, list: document.list, changed };
  }

  private async load(root: string): Promise<void> {
    if (this.loaded && this.held?.root === root) return;
    this.loaded = true;
    const stored = SignedKeyListSchema.safeParse(await this.meta.get(META_KEY_LIST));
    // A stored list the pinned root did not sign (another org's, or edited on disk) is not held.
    this.held = stored.success && rootSigned(stored.data, root) ? { root, document: stored.data } : null;
  }
}
