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
import type { KeyList } from '../../../common/signing/key-list';
import { synonymPayload } from '../../../common/signing/synonym-approval';
import { generateKeyPair, privateKeyObject, signText, verifyText } from '../../../main/signing/ed25519';

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

  it('with a pinned root key applies only rules a listed approver signed, and refuses the others with their reason, also after a restart', async () => {
    const { db } = await openDatabase({ file: ':memory:' });
    opened.push(db);
    const meta = new KeyValueStore(db, MetaEntity);
    const bo = generateKeyPair();
    const list: KeyList = {
      type: 'cuecard-key-list', version: 1, issuedAt: '2026-01-01T00:00:00.000Z', sensitiveTags: [],
      keys: [{ name: 'bo', publicKey: bo.publicKey, validFrom: '2026-01-01T00:00:00.000Z', revokedAt: null }],
    };
    const signed = (rule: SynonymRule & { ruleId: string }, signer = bo) => {
      const approval = { approvedAt: '2026-11-29T16:00:00.000Z', keyId: signer.publicKey };
      return { ...rule, signatures: [{ ...approval, signature: signText(privateKeyObject(signer.privateKeyPkcs8), synonymPayload(rule, approval)) }] };
    };
    const good = signed({ ruleId: 'r1', ...GOOD });
    const unsigned = { ruleId: 'r2', locale: 'en', terms: ['store credit'], oneWayTo: 'voucher', signatures: [] };
    const tampered = { ...signed({ ruleId: 'r3', locale: 'en', terms: ['telly'], oneWayTo: 'television' }), terms: ['tv set'] };
    const stranger = signed({ ruleId: 'r4', locale: 'en', terms: ['cash back'], oneWayTo: 'refund' }, generateKeyPair());
    const start = async (fetchImpl: typeof fetch, applied: SynonymRule[][]) => {
      const s = new SynonymSync({
        meta, fetch: fetchImpl, config: () => ({ serverUrl: 'http://127.0.0.1:9', token: 't' }), apply: (rules) => applied.push(rules),
        keyList: async () => list, verify: verifyText, log: () => undefined,
      });
      await s.init();
      return s;
    };
    const applied: SynonymRule[][] = [];
    const s = await start(server([{ version: 4, rules: [good, unsigned, tampered, stranger] }]).fetchImpl, applied);
    await s.refresh();
    expect(applied).toEqual([[GOOD]]);
    expect(s.refused).toEqual({ unsigned: 1, bad_signature: 1, unknown_key: 1 });

    const again: SynonymRule[][] = [];
    const restarted = await start(server([]).fetchImpl, again); // offline: the kept set is checked again
    expect(again).toEqual([[GOOD]]);
    expect(restarted.refused).toEqual({ unsigned: 1, bad_signature: 1, unknown_key: 1 });
  });
});
