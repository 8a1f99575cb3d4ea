/**
 * Changes for locales the agent does not search in yet, held per locale until something needs
 * that locale (cuecard-index.ts). Only the latest change per entry id is kept: applying it alone
 * leaves a partition as applying every change in order would (an upsert replaces the entry, a
 * remove after an upsert is a remove). Ids keep the place of their first change, the order in
 * which the eager path would have given them doc slots.
 */
import type { EntryChange } from './types';

export class HeldChanges {
  private readonly byLocale = new Map<string, Map<string, EntryChange>>();
  /** Locales that got an upsert while held: the eager index would hold a partition for them. */
  private readonly upserted = new Set<string>();
  private count = 0;

  /** Changes held, over all locales. */
  get size(): number {
    return this.count;
  }

  has(locale: string): boolean {
    return this.byLocale.has(locale);
  }

  hold(change: EntryChange): void {
    const locale = change.type === 'upsert' ? change.entry.locale : change.locale;
    const id = change.type === 'upsert' ? change.entry.id : change.id;
    let changes = this.byLocale.get(locale);
    if (!changes) {
      changes = new Map();
      this.byLocale.set(locale, changes);
    }
    if (!changes.has(id)) this.count += 1;
    changes.set(id, change);
    if (change.type === 'upsert') this.upserted.add(locale);
  }

  /** Locales with a held upsert (their partitions exist once applied: the chain must see them). */
  localesWithUpserts(): Iterable<string> {
    return this.upserted;
  }

  /** Every held change of `locale`, no longer held. */
  take(locale: string): EntryChange[] {
    const changes = this.byLocale.get(locale);
    if (!changes) return [];
    this.byLocale.delete(locale);
    this.count -= changes.size;
    return [...changes.values()];
  }

  /** At most `max` held changes (locale by locale, in the order held), no longer held. */
  takeSome(max: number): EntryChange[] {
    const out: EntryChange[] = [];
    for (const [locale, changes] of this.byLocale) {
      if (out.length >= max) break;
      if (changes.size <= max - out.length) {
        out.push(...this.take(locale));
        continue;
      }
      for (const [id, change] of changes) {
        if (out.length >= max) break;
        out.push(change);
        changes.delete(id);
        this.count -= 1;
      }
    }
    return out;
  }

  /** How many entries the held changes add (upserts of absent ids) minus remove (of present ones). */
  netCount(isLive: (locale: string, id: string) => boolean): number {
    let net = 0;
    for (const [locale, changes] of this.byLocale) {
      for (const [id, change] of changes) {
        const live = isLive(locale, id);
        if (change.type === 'upsert' && !live) net += 1;
        else if (change.type === 'remove' && live) net -= 1;
      }
    }
    return net;
  }

  clear(): void {
    this.byLocale.clear();
    this.upserted.clear();
    this.count = 0;
  }
}
