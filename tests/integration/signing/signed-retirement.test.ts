/**
 * Signed retirement (issue #15): with the org root key pinned, an agent removes an approved entry
 * only on a retirement an approver key of the held list signed over (id, locale, the retired
 * version, retirement time, key id). Attacks: an unsigned retirement, one forged in the server DB
 * (another entry's signature), one stripped on the wire, one signed by a revoked key. Each is
 * refused with its reason, the entry stays, and the sync goes on; without a pinned root key a
 * retirement removes the entry as before.
 */
import { describe, expect, it } from 'vitest';
import * as retire from '../../../main/cli/commands/retire';
import * as sync from '../../../main/cli/commands/sync';
import { cli, tempDir } from '../workflow/cli-helpers';
import { skippedReasons, storedVersions } from './agent-db';
import { signingWorld } from './signing-fixture';
import { startTamperProxy } from './tamper-proxy';
import { eachTest } from '../../helpers/each-test';

const entry = (id: string) => ({ id, locale: 'en', title: `Title of ${id}`, body: `Approved text of ${id}.`, tags: ['returns'] });
type RemoveItem = { seq: number; op: string; id: string; retirement?: Record<string, unknown> };

describe('signed retirement', () => {
  const w = eachTest(signingWorld);

  const retireWith = (id: string, who: 'ana' | 'bo' | 'cy', signed: boolean) =>
    cli(retire, [id, '--locale', 'en', ...(signed ? ['--key', w.keyFiles[who]] : []), ...w.lead(w.tokens[who])]);

  it('a retirement signed with --key removes the entry; an unsigned one is refused by an agent pinning the root key, not by one without', async () => {
    await w.publishSigned([entry('kb/signed-away'), entry('kb/unsigned-away'), entry('kb/stays')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    const plainDir = tempDir('cuecard-unpinned-');
    const plainSync = () => cli(sync, ['--server', w.t.url, '--token', w.t.tokens.agent, '--data-dir', plainDir]);
    expect((await plainSync()).code).toBe(0);

    const signed = await retireWith('kb/signed-away', 'cy', true);
    expect(signed.code, signed.err.join('\n')).toBe(0);
    expect(signed.out).toEqual([expect.stringMatching(/^retired kb\/signed-away \(en\): version 2, seq \d+ \(signed\)$/)]);
    const unsigned = await retireWith('kb/unsigned-away', 'cy', false);
    expect(unsigned.out).toEqual([expect.stringMatching(/^retired kb\/unsigned-away \(en\): version 2, seq \d+$/)]);

    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/stays/en': 1, 'kb/unsigned-away/en': 1 });
    expect(await skippedReasons(w.agentDir)).toEqual({ 'kb/unsigned-away/en': 'retirement refused: unsigned' });
    // Without a pinned root key, as before: both retirements apply.
    expect((await plainSync()).code).toBe(0);
    expect(await storedVersions(plainDir)).toEqual({ 'kb/stays/en': 1 });
  });

  it('refuses a retirement forged in the server DB, stripped on the wire, or signed by a revoked key; the entries stay', async () => {
    await w.publishSigned([entry('kb/a'), entry('kb/b'), entry('kb/c'), entry('kb/d')], 'ana', ['cy']);
    expect((await w.sync()).code).toBe(0);
    const db = w.t.server.db.dataSource;

    // In the DB: kb/b's unsigned removal given kb/a's genuine retirement signature.
    expect((await retireWith('kb/a', 'cy', true)).code).toBe(0);
    expect((await retireWith('kb/b', 'cy', false)).code).toBe(0);
    const rows = (await db.query(`SELECT seq, item FROM change_log WHERE op = 'remove' ORDER BY seq`)) as Array<{ seq: number; item: string }>;
    const [removeA, removeB] = rows.map((r) => ({ seq: Number(r.seq), item: JSON.parse(r.item) as RemoveItem }));
    expect(removeA?.item.retirement).toMatchObject({ version: 1, keyId: w.publicKeys.cy });
    await db.query('UPDATE change_log SET item = ? WHERE seq = ?', [JSON.stringify({ ...removeB?.item, retirement: removeA?.item.retirement }), removeB?.seq]);
    // The answers to kb/a's removal stay untouched; it applies.
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/b/en': 1, 'kb/c/en': 1, 'kb/d/en': 1 });
    expect(await skippedReasons(w.agentDir)).toEqual({ 'kb/b/en': 'retirement refused: bad signature' });

    // On the wire: a proxy strips the signature of kb/c's signed retirement.
    expect((await retireWith('kb/c', 'cy', true)).code).toBe(0);
    const proxy = await startTamperProxy(w.t.url);
    try {
      proxy.rewrite = (url, page: { items?: RemoveItem[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        for (const item of page.items ?? []) delete item.retirement;
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
    } finally {
      await proxy.close();
    }
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/b/en': 1, 'kb/c/en': 1, 'kb/d/en': 1 });
    expect((await skippedReasons(w.agentDir))['kb/c/en']).toBe('retirement refused: unsigned');

    // bo's key is revoked; the server still takes bo's signature (it is registered), agents do not.
    expect((await w.signList(['--revoke', 'bo', '--revoke-from', '2020-01-01T00:00:00Z'])).code).toBe(0);
    expect((await retireWith('kb/d', 'bo', true)).code).toBe(0);
    expect((await w.sync()).code).toBe(0);
    // Back on the real server (another address: a resync from scratch) kb/c's genuine signed
    // retirement applies; the forged one of kb/b and bo's of kb/d still do not.
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/b/en': 1, 'kb/d/en': 1 });
    expect((await skippedReasons(w.agentDir))['kb/b/en']).toBe('retirement refused: bad signature');
    expect((await skippedReasons(w.agentDir))['kb/d/en']).toBe('retirement refused: signed by a key revoked before the approval time');
  });

  it('the server refuses a retirement signed for another version than the live one', async () => {
    await w.publishSigned([entry('kb/e')], 'ana', ['cy']);
    await w.publishSigned([{ ...entry('kb/e'), body: 'Version two.', baseVersion: 1 }], 'ana', ['cy']);
    const now = new Date().toISOString();
    const forged = { version: 1, keyId: w.publicKeys.cy, retiredAt: now, signature: `${'A'.repeat(86)}==` };
    const response = await fetch(`${w.t.url}/v1/entries/kb%2Fe?locale=en`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.tokens.cy}`, 'content-type': 'application/json' },
      body: JSON.stringify({ signature: forged }),
    });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('the live version is 2; the retirement signed version 1');
  });
});
