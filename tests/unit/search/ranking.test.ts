/**
 * Ranking rules pinned with small hand-written entries: each case fails if its rule is removed
 * (word-level idf cap, unfinished prefixes, title bonus over content words, swapped case
 * endings, negations, title phrase bonus).
 */
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { CuecardIndex } from '../../../common/search/cuecard-index';
import { entry } from './helpers';

function built(entries: KnowledgeEntry[]): CuecardIndex {
  const index = new CuecardIndex();
  index.build(entries);
  return index;
}
const ids = (index: CuecardIndex, query: string, locale = 'en') => index.search({ query, locale }).map((h) => h.id);

/** Entries about other things that mention `word`, so that `word` is common in the index. */
function mentions(word: string, count: number, locale = 'en'): KnowledgeEntry[] {
  return Array.from({ length: count }, (_, i) =>
    entry({ id: `filler-${word}-${i}`, locale, title: `Topic number ${i}`, body: `Something about ${word} and other things ${i}.` }),
  );
}

describe('ranking rules', () => {
  it('does not let a rare form of a word outweigh the word as typed', () => {
    const index = built([
      entry({ id: 'exact', title: 'Printer settings', body: 'Choose a paper tray.' }),
      entry({ id: 'rare-form', title: 'Printers settings', body: 'Choose a paper tray.' }),
      ...mentions('printer', 12),
    ]);
    // "printers" is in one entry and "printer" in thirteen: the rare form's own idf would win.
    expect(ids(index, 'printer settings ')[0]).toBe('exact');
  });

  it('weighs the completions of a prefix by the prefix, not each by its own rarity', () => {
    const index = built([
      entry({ id: 'volume', title: 'Change the sound volume', body: 'Use the slider.' }),
      entry({ id: 'volumes', title: 'Manage disk volumes', body: 'Use the slider.' }),
      ...mentions('volume', 10),
    ]);
    expect(ids(index, 'volu')[0]).toBe('volume');
  });

  it('does not match an unfinished prefix to shorter words as if they were its stem', () => {
    const index = built([
      entry({ id: 'shots', title: 'Take screenshots', body: 'Press the key.' }),
      entry({ id: 'screen', title: 'Screen settings', body: 'The screen and its screen saver.' }),
    ]);
    const hits = ids(index, 'screensh');
    expect(hits).toEqual(['shots']);
  });

  it('gives the all-in-title bonus when the content words are in the title, whatever the function words', () => {
    const index = built([
      entry({ id: 'title', title: 'Send files to a Bluetooth device', body: 'Pair the device first.' }),
      entry({ id: 'body', title: 'Bluetooth file transfer', body: 'Send the files over the air, over Bluetooth.' }),
      ...mentions('over', 6),
    ]);
    expect(ids(index, 'send file over bluetooth ')[0]).toBe('title');
  });

  it('matches a swapped case ending in inflected languages, not in English', () => {
    const index = built([
      entry({ id: 'ru', locale: 'ru', title: 'Компьютер не издаёт никаких звуков', body: 'Проверьте кабели.' }),
      entry({ id: 'en', title: 'Choose a style', body: 'Light or dark.' }),
    ]);
    expect(ids(index, 'звука ', 'ru')).toEqual(['ru']);
    expect(ids(index, 'stylus ')).toEqual([]);
  });

  it('lets a negation in the query match the negation a problem title uses', () => {
    const index = built([
      entry({ id: 'volume', title: 'Change the sound volume', body: 'Move the sound slider.' }),
      entry({ id: 'nosound', title: 'I cannot hear any sounds', body: 'Check the sound cable.' }),
      entry({ id: 'alert', title: 'Choose the alert sound', body: 'Pick a sound.' }),
    ]);
    expect(ids(index, 'no sound ')[0]).toBe('nosound');
    // "kein" finds "nicht" in German, and a word that is no negation finds nothing new.
    const de = built([entry({ id: 'de', locale: 'de', title: 'Der Rechner startet nicht', body: 'Kabel prüfen.' })]);
    expect(ids(de, 'kein start', 'de')).toEqual(['de']);
    expect(ids(de, 'ein ', 'de')).toEqual([]);
  });

  it('ranks a title with the query words next to each other above one with them apart', () => {
    const body = 'Warmer colours in the evening.';
    const index = built([
      // Same words, same title length, same body: only the order and distance differ, and the
      // id tie-break alone would put "a-apart" first.
      entry({ id: 'a-apart', title: 'Light the screen at night', body }),
      entry({ id: 'b-phrase', title: 'Night light for the screen', body }),
    ]);
    expect(ids(index, 'night light ')).toEqual(['b-phrase', 'a-apart']);
    // The titles it read are remembered, but never past a change of the entry.
    index.apply([{ type: 'upsert', entry: entry({ id: 'b-phrase', title: 'Light the screen at night', body }) }]);
    index.apply([{ type: 'upsert', entry: entry({ id: 'a-apart', title: 'Night light for the screen', body }) }]);
    index.freeze(); // the new titles now come from the frozen entries, as after persisting
    expect(ids(index, 'night light ')).toEqual(['a-apart', 'b-phrase']);
  });
});
