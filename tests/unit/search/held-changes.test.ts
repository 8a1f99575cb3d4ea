/**
 * Changes for locales outside the agent's chain are held (CuecardIndex.deferLocales) and applied
 * when needed: every answer must be the one the eagerly applied changes give, and a held index
 * written to disk holds every locale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { entryKey } from '../../../common/knowledge';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { loadIndex, saveIndex } from '../../../common/search/persist';
import type { EntryChange } from '../../../common/search/types';
import { entry, excerpt } from './helpers';

const QUERIES: Array<[string, string]> = [
  ['password', 'en'], ['printer paper', 'en'], ['pasword', 'en'], ['imprimante', 'fr'], ['mot de passe', 'fr'],
  ['passwort', 'de'], ['パスワード', 'ja'], ['som', 'pt-BR'], ['s', 'en'], ['s', 'de'],
];

function results(index: CuecardIndex) {
  return QUERIES.map(([query, locale]) => index.search({ query, locale, limit: 15 }).map((h) => `${h.id}@${h.locale}:${h.score}`));
}

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

/** A seeded mix of adds, updates, removes and re-adds over the excerpt, in batches; the entries left. */
function changeBatches(seed: number): { batches: EntryChange[][]; live: Map<string, KnowledgeEntry> } {
  const all = excerpt();
  const rnd = random(seed);
  const live = new Map<string, KnowledgeEntry>();
  const removed: KnowledgeEntry[] = [];
  const batches: EntryChange[][] = [];
  let next = 0;
  for (let step = 0; step < 120; step += 1) {
    const batch: EntryChange[] = [];
    for (let k = 0; k < 4; k += 1) {
      const roll = rnd();
      const keys = [...live.keys()];
      if ((roll < 0.5 || keys.length === 0) && next < all.length) {
        const e = all[next++] as KnowledgeEntry;
        live.set(entryKey(e.id, e.locale), e);
        batch.push({ type: 'upsert', entry: e });
      } else if (roll < 0.75 && keys.length > 0) {
        const prior = live.get(keys[Math.floor(rnd() * keys.length)] as string) as KnowledgeEntry;
        const changed = { ...prior, title: `${prior.title} printer`, body: prior.body.slice(0, 300 + step), version: prior.version + 1 };
        live.set(entryKey(changed.id, changed.locale), changed);
        batch.push({ type: 'upsert', entry: changed });
      } else if (roll < 0.9 && keys.length > 0) {
        const key = keys[Math.floor(rnd() * keys.length)] as string;
        const gone = live.get(key) as KnowledgeEntry;
        live.delete(key);
        removed.push(gone);
        batch.push({ type: 'remove', id: gone.id, locale: gone.locale });
      } else if (removed.length > 0) {
        const back = removed.pop() as KnowledgeEntry;
        const again = { ...back, version: back.version + 5 };
        live.set(entryKey(again.id, again.locale), again);
        batch.push({ type: 'upsert', entry: again });
      }
    }
    batches.push(batch);
  }
  return { batches, live };
}

/** Entries (id, locale) outside `en` that the batches touch: one held change each. */
function entriesOutsideEn(batches: readonly EntryChange[][]): number {
  const keys = batches.flat().map((c) => (c.type === 'upsert' ? [c.entry.id, c.entry.locale] : [c.id, c.locale]));
  return new Set(keys.filter(([, locale]) => locale !== 'en').map(([id, locale]) => entryKey(id as string, locale as string))).size;
}

function freshBuild(live: ReadonlyMap<string, KnowledgeEntry>): CuecardIndex {
  const fresh = new CuecardIndex();
  fresh.build([...live.values()]);
  return fresh;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('changes held for locales outside the agent chain', () => {
  it('answer as eagerly applied changes and a fresh build do (removes and re-adds included)', () => {
    const { batches, live } = changeBatches(7);
    const eager = new CuecardIndex();
    const deferred = new CuecardIndex();
    deferred.deferLocales((locale) => locale === 'en');
    for (const batch of batches) {
      eager.apply(batch);
      deferred.apply(batch);
    }
    expect(deferred.heldChanges).toBe(entriesOutsideEn(batches));
    expect(deferred.size).toBe(live.size);
    expect(eager.size).toBe(live.size);
    const fresh = freshBuild(live);
    expect(results(deferred)).toEqual(results(eager));
    // After a merge (as the app's compaction does) both equal a fresh build of the entries left.
    deferred.freeze();
    eager.freeze();
    expect(results(deferred)).toEqual(results(fresh));
    expect(results(eager)).toEqual(results(fresh));
  });

  it('writes every locale to the index file, held ones included', () => {
    const { batches, live } = changeBatches(11);
    const deferred = new CuecardIndex();
    deferred.deferLocales((locale) => locale === 'en');
    for (const batch of batches) deferred.apply(batch);
    expect(deferred.heldChanges).toBe(entriesOutsideEn(batches));
    expect(deferred.dirty).toBe(true);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-held-'));
    dirs.push(dir);
    saveIndex(deferred, dir, 3);
    expect(deferred.heldChanges).toBe(0);
    const loaded = loadIndex(dir)!.index;
    expect(loaded.size).toBe(live.size);
    expect(results(loaded)).toEqual(results(freshBuild(live)));
    loaded.releaseFile();
    deferred.releaseFile();
  });

  it('keeps the latest change per entry: a remove after an upsert is a remove, a re-upsert after it wins', () => {
    const index = new CuecardIndex();
    index.deferLocales((locale) => locale === 'en');
    const v1 = entry({ id: 'a', locale: 'fr', title: 'Imprimante bloquée', version: 1 });
    const v2 = { ...v1, title: 'Imprimante réparée', version: 2 };
    const b = entry({ id: 'b', locale: 'fr', title: 'Imprimante laser' });
    index.apply([{ type: 'upsert', entry: v1 }, { type: 'upsert', entry: b }]);
    index.apply([{ type: 'remove', id: 'a', locale: 'fr' }, { type: 'remove', id: 'b', locale: 'fr' }]);
    index.apply([{ type: 'upsert', entry: v2 }]);
    expect(index.heldChanges).toBe(2);
    expect(index.size).toBe(1);
    expect(index.search({ query: 'imprimante', locale: 'fr', fallbackLocales: [] }).map((h) => h.id)).toEqual(['a']);
    expect(index.heldChanges).toBe(0);
    expect(index.get('a', 'fr')?.title).toBe('Imprimante réparée');
    expect(index.get('b', 'fr')).toBeUndefined();
  });

  it('applies a held locale for get(), and the held changes first when the locale turns hot', () => {
    let hot = new Set(['en']);
    const index = new CuecardIndex();
    index.deferLocales((locale) => hot.has(locale));
    const v1 = entry({ id: 'a', locale: 'de', title: 'Drucker alt', version: 1 });
    index.apply([{ type: 'upsert', entry: v1 }]);
    expect(index.heldChanges).toBe(1);
    hot = new Set(['en', 'de']);
    index.apply([{ type: 'upsert', entry: { ...v1, title: 'Drucker neu', version: 2 } }]);
    expect(index.heldChanges).toBe(0);
    expect(index.get('a', 'de')?.title).toBe('Drucker neu');
    hot = new Set(['en']);
    index.apply([{ type: 'upsert', entry: entry({ id: 'c', locale: 'ja', title: 'プリンター' }) }]);
    expect(index.get('c', 'ja')?.title).toBe('プリンター');
    expect(index.heldChanges).toBe(0);
  });

  it('puts a locale with only held entries in the chain (a regional variant of the language asked for)', () => {
    const index = new CuecardIndex();
    index.deferLocales((locale) => locale === 'en');
    index.apply([{ type: 'upsert', entry: entry({ id: 'br', locale: 'pt-BR', title: 'Impressora travada' }) }]);
    const hits = index.search({ query: 'impressora', locale: 'pt', fallbackLocales: [] });
    expect(hits.map((h) => `${h.id}@${h.locale}`)).toEqual(['br@pt-BR']);
  });

  it('applies held changes in slices of at most the size asked for', () => {
    const index = new CuecardIndex();
    index.deferLocales(() => false);
    const changes: EntryChange[] = [];
    for (let i = 0; i < 1200; i += 1) changes.push({ type: 'upsert', entry: entry({ id: `e${i}`, locale: i % 2 ? 'fr' : 'de', title: `Titre ${i}` }) });
    index.apply(changes);
    expect(index.heldChanges).toBe(1200);
    expect(index.size).toBe(1200);
    expect(index.applyHeldSome(500)).toBe(700);
    expect(index.applyHeldSome(500)).toBe(200);
    expect(index.applyHeldSome(500)).toBe(0);
    expect(index.size).toBe(1200);
    expect(index.get('e1199', 'fr')?.title).toBe('Titre 1199');
  });
});
