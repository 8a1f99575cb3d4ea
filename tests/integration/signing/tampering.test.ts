/**
 * Attacks on content (issue #15): the body, title, tags, version or locale of a signed entry
 * changed in the server's DB, in its change log, on the wire and in the agent's DB. Each tampered
 * entry is refused with its reason; the untouched one (and any good version held) stays; sync goes on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as audit from '../../../main/cli/commands/audit';
import * as show from '../../../main/cli/commands/show';
import * as verify from '../../../main/cli/commands/verify';
import { cli } from '../workflow/cli-helpers';
import { agentSql, skippedReasons, storedVersions } from './agent-db';
import { signingWorld, type SigningWorld } from './signing-fixture';
import { startTamperProxy } from './tamper-proxy';

const FIELDS = ['body', 'title', 'tags', 'version', 'locale'] as const;
type Field = (typeof FIELDS)[number];
const record = (id: string) => ({ id, locale: 'en', title: `Title of ${id}`, body: `The approved text of ${id}.`, tags: ['returns'] });
const RECORDS = [...FIELDS.map((f) => record(`kb/${f}`)), record('kb/untouched')];
const ALL_EN = Object.fromEntries(RECORDS.map((r) => [`${r.id}/en`, 1]));
const BAD = 'refused: bad signature';

/** What an attacker changes in an entry (as served: `entry`, the item's id/locale follow). */
function tamperEntry(field: Field, entry: { body: string; title: string; tags: string[]; version: number; locale: string }): void {
  if (field === 'body') entry.body = 'Refunds now go to IBAN XX00 0000.';
  if (field === 'title') entry.title = 'Refunds: new account';
  if (field === 'tags') entry.tags = ['returns', 'refund-exception'];
  if (field === 'version') entry.version += 1;
  if (field === 'locale') entry.locale = 'de';
}
function tamperItem(item: { id: string; locale: string; entry?: { id: string } & Parameters<typeof tamperEntry>[1] }): void {
  const field = FIELDS.find((f) => item.id === `kb/${f}`);
  if (!field || !item.entry) return;
  tamperEntry(field, item.entry);
  item.locale = item.entry.locale;
}
const expectedSkips = () => Object.fromEntries(FIELDS.map((f) => [`kb/${f}/${f === 'locale' ? 'de' : 'en'}`, BAD]));

describe('tampered content is refused with its reason', () => {
  let w: SigningWorld;
  beforeEach(async () => {
    w = await signingWorld();
    await w.publishSigned(RECORDS, 'ana', ['bo']);
  });
  afterEach(async () => {
    await w.close();
  });

  it('in the change log: the tampered items are skipped, the untouched one stored, the sync goes on', async () => {
    const db = w.t.server.db.dataSource;
    const rows = (await db.query(`SELECT seq, item FROM change_log WHERE op = 'upsert'`)) as Array<{ seq: number; item: string }>;
    for (const row of rows) {
      const item = JSON.parse(row.item) as Parameters<typeof tamperItem>[0];
      tamperItem(item);
      await db.query('UPDATE change_log SET item = ? WHERE seq = ?', [JSON.stringify(item), row.seq]);
    }
    const synced = await w.sync();
    expect(synced.code, synced.err.join('\n')).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/untouched/en': 1 });
    expect(await skippedReasons(w.agentDir)).toEqual(expectedSkips());
  });

  it('on the wire (a proxy rewriting the pages): the tampered items are refused, the untouched one stored', async () => {
    const proxy = await startTamperProxy(w.t.url);
    try {
      proxy.rewrite = (path, page: { items?: Array<Parameters<typeof tamperItem>[0]> }) => {
        if (!path.startsWith('/v1/changes')) return undefined;
        for (const item of page.items ?? []) tamperItem(item);
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
      expect(await storedVersions(w.agentDir)).toEqual({ 'kb/untouched/en': 1 });
      expect(await skippedReasons(w.agentDir)).toEqual(expectedSkips());
    } finally {
      await proxy.close();
    }
  });

  it('in the server DB (versions re-sent through the workflow): refused, the good version held stays', async () => {
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual(ALL_EN);
    const db = w.t.server.db.dataSource;
    const where = `WHERE id = ? AND locale = 'en'`;
    await db.query(`UPDATE entry_versions SET body = 'Refunds now go to IBAN XX00 0000.' ${where}`, ['kb/body']);
    await db.query(`UPDATE entry_versions SET title = 'Refunds: new account' ${where}`, ['kb/title']);
    await db.query(`UPDATE entry_versions SET tags = '["returns","refund-exception"]' ${where}`, ['kb/tags']);
    for (const table of ['entry_versions', 'version_signatures']) await db.query(`UPDATE ${table} SET version = 2 ${where}`, ['kb/version']);
    for (const table of ['entry_versions', 'version_signatures', 'entry_meta']) await db.query(`UPDATE ${table} SET locale = 'de' ${where}`, ['kb/locale']);
    // Any workflow step re-sends what the DB now says (here: leads verifying each entry).
    for (const f of FIELDS) {
      const done = await cli(verify, [`kb/${f}`, '--locale', f === 'locale' ? 'de' : 'en', ...w.lead(w.tokens.bo)]);
      expect(done.code, done.err.join('\n')).toBe(0);
    }
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual(ALL_EN);
    expect(await skippedReasons(w.agentDir)).toEqual(expectedSkips());
  });

  it("in the agent's DB: show and open refuse it as changed locally, audit counts it", async () => {
    expect((await w.sync()).code).toBe(0);
    const where = `WHERE id = ? AND locale = 'en'`;
    await agentSql(w.agentDir, `UPDATE entries SET body = 'Refunds now go to IBAN XX00 0000.' ${where}`, ['kb/body']);
    await agentSql(w.agentDir, `UPDATE entries SET title = 'Refunds: new account' ${where}`, ['kb/title']);
    await agentSql(w.agentDir, `UPDATE entries SET tags = '["returns","refund-exception"]' ${where}`, ['kb/tags']);
    await agentSql(w.agentDir, `UPDATE entries SET version = 7 ${where}`, ['kb/version']);
    await agentSql(w.agentDir, `UPDATE entries SET locale = 'de' ${where}`, ['kb/locale']);
    const audited = await cli(audit, ['--data-dir', w.agentDir, '--org-root-key', w.root.publicKey]);
    expect(audited.code).toBe(1);
    expect(JSON.parse(audited.out.at(-1) as string)).toEqual({
      verified: 1, unsigned: 0, bad_signature: 0, unknown_key: 0, key_revoked: 0, second_approver_missing: 0, rollback: 0, changed_locally: 5, quarantined: 0,
    });
    for (const f of FIELDS) {
      const shown = await cli(show, [`kb/${f}`, '--locale', f === 'locale' ? 'de' : 'en', '--data-dir', w.agentDir]);
      expect({ code: shown.code, out: shown.out, err: shown.err }).toEqual({
        code: 1,
        out: [],
        err: ['error: refused: changed in the local database after it was verified [changed_locally]'],
      });
    }
    expect((await cli(show, ['kb/untouched', '--locale', 'en', '--data-dir', w.agentDir])).code).toBe(0);
    // Refused on open, they were moved out of the entries (and search) with their reason.
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/untouched/en': 1 });
    const after = await cli(audit, ['--data-dir', w.agentDir, '--org-root-key', w.root.publicKey]);
    expect(JSON.parse(after.out.at(-1) as string)).toMatchObject({ verified: 1, changed_locally: 0, quarantined: 5 });
  });
});
