/**
 * The agent's synonym sync against a hostile or changing server: a rule that fails the shared
 * check is skipped alone, `since` spares the download when nothing changed, and the rules kept in
 * the DB apply again after a restart (offline).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../main/store/database';
import { MetaEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { SynonymSync } from '../../../main/signals/synonym-sync';
import type { SynonymRule } from '../../../common/synonyms/synonym-rules';

const opened: Database[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
});

const GOOD = { locale: 'en', terms: ['refund', 'money back'], oneWayTo: null };

function server(answers: unknown[]) {
  const asked: string[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    asked.push(new URL(String(input)).search);
    return new Response(JSON.stringify(answers.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { asked, fetchImpl };
}

async function sync(meta: KeyValueStore, fetchImpl: typeof fetch, applied: SynonymRule[][]) {
  const s = new SynonymSync({
    meta,
    fetch: fetchImpl,
    config: () => ({ serverUrl: 'http://127.0.0.1:9', token: 't' }),
    apply: (rules) => applied.push(rules),
    log: () => undefined,
  });
  await s.init();
  return s;
}

describe('synonym sync', () => {
  it('skips a bad rule alone, asks with since, and applies the kept rules after a restart', async () => {
    const { db } = await openDatabase({ file: ':memory:' });
    opened.push(db);
    const meta = new KeyValueStore(db, MetaEntity);
    const { asked, fetchImpl } = server([
      { version: 3, rules: [GOOD, { locale: 'en', terms: ['<script>'], oneWayTo: 'x' }, { locale: 'en', terms: Array(60).fill('w'), oneWayTo: null }] },
      { version: 3, rules: null },
    ]);
    const applied: SynonymRule[][] = [];
    const first = await sync(meta, fetchImpl, applied);
    await first.refresh();
    await first.refresh();
    expect(asked).toEqual(['', '?since=3']);
    expect(applied).toEqual([[GOOD]]);

    const again: SynonymRule[][] = [];
    await sync(meta, server([]).fetchImpl, again); // restarted, offline
    expect(again).toEqual([[GOOD]]);
  });

  it('keeps the rules it has when the server answers something that is not a synonym set', async () => {
    const { db } = await openDatabase({ file: ':memory:' });
    opened.push(db);
    const meta = new KeyValueStore(db, MetaEntity);
    const applied: SynonymRule[][] = [];
    const s = await sync(meta, server([{ version: 1, rules: [GOOD] }, { version: 'two', rules: 'all' }]).fetchImpl, applied);
    await s.refresh();
    await s.refresh();
    expect(applied).toEqual([[GOOD]]);
  });
});
