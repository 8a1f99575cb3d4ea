/**
 * Incremental updates must leave the index exactly as a fresh build of the same entries would:
 * a seeded random mix of adds, updates and removes, compared query by query (ids and scores),
 * before and after persisting and reloading.
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
import { excerpt } from './helpers';

const QUERIES: Array<[string, string]> = [
  ['password', 'en'], ['chang', 'en'], ['printer paper', 'en'], ['pasword', 'en'], ['wireles', 'en'],
  ['imprimante', 'fr'], ['mot de passe', 'fr'], ['passwort', 'de'], ['パスワード', 'ja'], ['som', 'pt-BR'], ['s', 'en'],
];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

function results(index: CuecardIndex) {
  return QUERIES.map(([query, locale]) => index.search({ query, locale, limit: 15 }).map((h) => `${h.id}@${h.locale}:${h.score}`));
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('incremental index updates', () => {
  it('equal a fresh build after a random mix of adds, updates and removes', () => {
    const all = excerpt();
    const rnd = random(42);
    const live = new Map<string, KnowledgeEntry>();
    const index = new CuecardIndex();
    index.build(all.slice(0, 60));
    for (const e of all.slice(0, 60)) live.set(entryKey(e.id, e.locale), e);
    let next = 60;
    for (let step = 0; step < 300; step += 1) {
      const roll = rnd();
      const keys = [...live.keys()];
      const changes: EntryChange[] = [];
      if (roll < 0.4 && next < all.length) {
        const e = all[next++] as KnowledgeEntry;
        live.set(entryKey(e.id, e.locale), e);
        changes.push({ type: 'upsert', entry: e });
      } else if (roll < 0.75 && keys.length > 0) {
        const prior = live.get(keys[Math.floor(rnd() * keys.length)] as string) as KnowledgeEntry;
        const words = ['printer', 'password', 'wireless', 'refund', 'son'];
        const changed = { ...prior, title: `${prior.title} ${words[step % words.length]}`, body: prior.body.slice(0, 400 + step), version: prior.version + 1 };
        live.set(entryKey(changed.id, changed.locale), changed);
        changes.push({ type: 'upsert', entry: changed });
      } else if (keys.length > 0) {
        const key = keys[Math.floor(rnd() * keys.length)] as string;
        const gone = live.get(key) as KnowledgeEntry;
        live.delete(key);
        changes.push({ type: 'remove', id: gone.id, locale: gone.locale });
      }
      index.apply(changes);
      if (step === 150) index.freeze(); // mid-way merge: frozen and fresh layers both in play
    }
    const fresh = new CuecardIndex();
    fresh.build([...live.values()]);
    expect(index.size).toBe(live.size);
    expect(results(index)).toEqual(results(fresh));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-index-'));
    dirs.push(dir);
    saveIndex(index, dir, 7);
    const loaded = loadIndex(dir);
    expect(loaded?.contentVersion).toBe(7);
    expect(results(loaded!.index)).toEqual(results(fresh));
    // The loaded index keeps working incrementally (entries read back from the file).
    const victim = [...live.values()][0] as KnowledgeEntry;
    loaded!.index.apply([{ type: 'remove', id: victim.id, locale: victim.locale }]);
    fresh.apply([{ type: 'remove', id: victim.id, locale: victim.locale }]);
    expect(results(loaded!.index)).toEqual(results(fresh));
    expect(loaded!.index.get(victim.id, victim.locale)).toBeUndefined();
    const other = [...live.values()][1] as KnowledgeEntry;
    expect(loaded!.index.get(other.id, other.locale)).toEqual(other);
    loaded!.index.releaseFile();
    index.releaseFile();
  });

  it('applies changes to a loaded locale that was not searched yet (its postings are read on first use)', () => {
    const all = excerpt();
    const index = new CuecardIndex();
    index.build(all);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-index-'));
    dirs.push(dir);
    saveIndex(index, dir, 1);
    const loaded = loadIndex(dir)!.index;
    const de = all.find((e) => e.locale === 'de') as KnowledgeEntry;
    const changed = { ...de, title: 'Quokka Drucker', version: de.version + 1 };
    loaded.apply([{ type: 'upsert', entry: changed }]);
    index.apply([{ type: 'upsert', entry: changed }]);
    expect(loaded.search({ query: 'quokka', locale: 'de' })[0]?.id).toBe(de.id);
    expect(results(loaded)).toEqual(results(index));
    loaded.releaseFile();
    index.releaseFile();
  });

  it('refuses a damaged or foreign index file (it is rebuilt instead)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-index-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'search-index.bin'), 'not an index');
    expect(loadIndex(dir)).toBeNull();
    expect(loadIndex(path.join(dir, 'missing'))).toBeNull();
  });
});
