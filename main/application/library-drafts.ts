/**
 * The Library's unsaved edits, kept on this computer (issue #14): a draft being edited survives
 * closing the window, a restart and an unreachable server, until it is saved to the server or
 * discarded. One key-value row holds them all, each checked against the contract when read.
 */
import { EditorDraftSchema, type EditorDraft } from '../../common/library-contract';
import { entryKey } from '../../common/knowledge';
import { DomainError } from '../core/domain-error';
import type { KeyValueStore } from '../store/key-value-store';

const DRAFTS_KEY = 'library-drafts';
/** Unsaved entries kept at once; past it the lead is asked to save or discard some (nothing is dropped). */
export const MAX_LOCAL_DRAFTS = 200;

export class LocalDrafts {
  private cache: Map<string, EditorDraft> | null = null;

  constructor(private readonly store: Pick<KeyValueStore, 'get' | 'set'>) {}

  async get(id: string, locale: string): Promise<EditorDraft | null> {
    return (await this.all()).get(entryKey(id, locale)) ?? null;
  }

  async keys(): Promise<Set<string>> {
    return new Set((await this.all()).keys());
  }

  async keep(draft: EditorDraft): Promise<void> {
    const drafts = await this.all();
    const key = entryKey(draft.id, draft.locale);
    if (!drafts.has(key) && drafts.size >= MAX_LOCAL_DRAFTS) {
      throw new DomainError('invalid_input', `${MAX_LOCAL_DRAFTS} entries already have unsaved edits on this computer; save or discard some first.`);
    }
    drafts.set(key, draft);
    await this.store.set(DRAFTS_KEY, Object.fromEntries(drafts));
  }

  async discard(id: string, locale: string): Promise<void> {
    const drafts = await this.all();
    if (!drafts.delete(entryKey(id, locale))) return;
    await this.store.set(DRAFTS_KEY, Object.fromEntries(drafts));
  }

  private async all(): Promise<Map<string, EditorDraft>> {
    if (this.cache) return this.cache;
    const stored = await this.store.get(DRAFTS_KEY);
    const drafts = new Map<string, EditorDraft>();
    if (stored && typeof stored === 'object') {
      for (const [key, value] of Object.entries(stored)) {
        const parsed = EditorDraftSchema.safeParse(value);
        if (parsed.success) drafts.set(key, parsed.data);
      }
    }
    this.cache = drafts;
    return drafts;
  }
}
