/**
 * Attacks on keys and approvals (issue #15): an unknown key, a revoked key, the author alone (or one
 * approver) on a sensitive template, a replayed older version, a key list with a bad root signature
 * or a lower version, truncated and non-base64 keys, a huge key list. Each is refused with its
 * reason, nothing good is lost, and the sync goes on with the other entries.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as approve from '../../../main/cli/commands/approve';
import * as keys from '../../../main/cli/commands/keys';
import * as queue from '../../../main/cli/commands/queue';
import * as show from '../../../main/cli/commands/show';
import * as sync from '../../../main/cli/commands/sync';
import * as verify from '../../../main/cli/commands/verify';
import { approvalPayload } from '../../../common/signing/approval';
import { UsageError } from '../../../common/cli/args';
import { signText } from '../../../main/signing/ed25519';
import { readKeyFile } from '../../../main/signing/key-file';
import { cli } from '../workflow/cli-helpers';
import { skippedReasons, storedVersions } from './agent-db';
import { createKey, signingWorld } from './signing-fixture';
import { startTamperProxy } from './tamper-proxy';
import { eachTest } from '../../helpers/each-test';

const entry = (id: string, tags: string[] = ['returns']) => ({ id, locale: 'en', title: `Title of ${id}`, body: `Approved text of ${id}, {{ customer.first_name }}.`, tags });
type Item = { seq: number; id: string; locale: string; entry: { version: number; signatures?: Array<{ keyId: string; approvedAt: string; signature: string }> } & Record<string, unknown> };

describe('attacks on keys and approvals', () => {
  const w = eachTest(signingWorld);

  const showJson = async (id: string) => {
    const shown = await cli(show, [id, '--locale', 'en', '--data-dir', w.agentDir, '--json']);
    return { code: shown.code, err: shown.err, entry: shown.code === 0 ? (JSON.parse(shown.out[0] as string) as { approvers: string[]; version: number }) : null };
  };

  it('a key the list does not name, and a key used after its revocation, are refused; earlier approvals stay good', async () => {
    await w.publishSigned([entry('kb/by-bo')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);

    // bo is revoked from now on; dan registers after that list, so no signed list names dan.
    expect((await w.signList(['--revoke', 'bo'])).code).toBe(0);
    const dan = await w.t.server.tokens.create('dan', 'lead');
    const danKey = path.join(w.keyDir, 'dan.key');
    const danPublic = await createKey('create', danKey);
    expect((await cli(keys, ['register', '--public-key', danPublic, '--name', 'dan', ...w.lead(dan)])).code).toBe(0);
    await w.publishSigned([entry('kb/by-dan')], 'ana', []);
    expect((await cli(approve, ['kb/by-dan', '--locale', 'en', '--key', danKey, ...w.lead(dan)])).code).toBe(0);
    await w.publishSigned([entry('kb/by-bo-later'), entry('kb/by-cy')], 'ana', []);
    expect((await cli(approve, ['kb/by-bo-later', '--locale', 'en', '--key', w.keyFiles.bo, ...w.lead(w.tokens.bo)])).code).toBe(0);
    expect((await cli(approve, ['kb/by-cy', '--locale', 'en', '--key', w.keyFiles.cy, ...w.lead(w.tokens.cy)])).code).toBe(0);

    expect((await w.sync()).code).toBe(0);
    expect(await skippedReasons(w.agentDir)).toEqual({
      'kb/by-dan/en': 'refused: signed by a key the org key list does not name',
      'kb/by-bo-later/en': 'refused: signed by a key revoked before the approval time',
    });
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/by-bo/en': 1, 'kb/by-cy/en': 1 });
    expect((await showJson('kb/by-bo')).entry?.approvers).toEqual(['bo']);
  });

  it('an approval signed with a key the server has not registered is refused, and the CLI says to run keys register', async () => {
    await w.publishSigned([entry('kb/unregistered')], 'ana', []);
    const danKey = path.join(w.keyDir, 'dan.key');
    await createKey('create', danKey);
    const refused = await cli(approve, ['kb/unregistered', '--locale', 'en', '--key', danKey, ...w.lead(w.tokens.bo)]);
    expect(refused).toMatchObject({ code: 1, err: ['error: request failed with 400: this key is not registered with the server: register it first [key_not_registered]; run `keys register` first'] });
  });

  it('a revocation back-dated to when the key was stolen moves what it signed since out of the store; queue lists it', async () => {
    await w.publishSigned([entry('kb/stolen')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    expect((await w.signList(['--revoke', 'bo', '--revoke-from', '2020-01-01T00:00:00Z'])).code).toBe(0);
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({});
    const shown = await showJson('kb/stolen');
    expect(shown).toMatchObject({ code: 1, err: ['error: refused: signed by a key revoked before the approval time [key_revoked]'] });
    const queued = await cli(queue, ['--json', ...w.lead(w.tokens.ana)]);
    expect(queued.out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { reason: 'signature_invalid', id: 'kb/stolen', locale: 'en', title: 'Title of kb/stolen', owner: 'ana', version: 1, problem: 'signed by a key revoked before the approval time' },
    ]);
    // Leads re-approve it: the same content submitted again, signed by a valid key.
    await w.publishSigned([{ ...entry('kb/stolen'), baseVersion: 1 }], 'ana', ['cy']);
    expect((await w.sync()).code).toBe(0);
    expect(await showJson('kb/stolen')).toMatchObject({ code: 0, entry: { version: 2, approvers: ['cy'] } });
    expect((await cli(queue, ['--json', ...w.lead(w.tokens.ana)])).out).toEqual([]);
  });

  it('a sensitive template needs two approvers: the server waits for the second, and the author or one approver alone is refused', async () => {
    const refund = entry('kb/refund', ['refund']);
    await w.publishSigned([refund], 'ana', ['bo'], 'template');
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({}); // one signature: still in review on the server

    // The same approver cannot count twice, and an unsigned approval is refused outright.
    const twice = await cli(approve, ['kb/refund', '--locale', 'en', '--key', w.keyFiles.bo, ...w.lead(w.tokens.bo)]);
    expect(twice.err[0]).toMatch(/already carries this approver's signature.*\[already_signed\]/);
    const unsigned = await cli(approve, ['kb/refund', '--locale', 'en', ...w.lead(w.tokens.cy)]);
    expect(unsigned.err).toEqual(['error: request failed with 409: this template carries the sensitive tag "refund": two leads each approve it with their own approver key [signature_required]; approve with --key <file>']);

    expect((await cli(approve, ['kb/refund', '--locale', 'en', '--key', w.keyFiles.cy, ...w.lead(w.tokens.cy)])).code).toBe(0);
    const proxy = await startTamperProxy(w.t.url);
    try {
      const ana = await readKeyFile(w.keyFiles.ana, 'approver');
      // On the wire: the author's own signature alone, then one of the two approvers alone.
      proxy.rewrite = (url, page: { items?: Item[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        for (const item of page.items ?? []) {
          const approval = { approvedAt: new Date().toISOString(), keyId: ana.publicKey };
          item.entry.signatures = [{ ...approval, signature: signText(ana.privateKey, approvalPayload(item.entry as never, approval)) }];
        }
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
      expect(await skippedReasons(w.agentDir)).toEqual({ 'kb/refund/en': 'refused: a sensitive template needs two approvers' });
      expect((await cli(verify, ['kb/refund', '--locale', 'en', ...w.lead(w.tokens.bo)])).code).toBe(0); // re-sent
      proxy.rewrite = (url, page: { items?: Item[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        for (const item of page.items ?? []) item.entry.signatures = item.entry.signatures?.slice(0, 1);
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
      expect(await storedVersions(w.agentDir)).toEqual({});
    } finally {
      await proxy.close();
    }
    expect((await cli(verify, ['kb/refund', '--locale', 'en', ...w.lead(w.tokens.bo)])).code).toBe(0);
    expect((await w.sync()).code).toBe(0);
    expect((await showJson('kb/refund')).entry?.approvers).toEqual(['bo', 'cy']);
  });

  it('a replayed older version is refused as a rollback; the newer one stays', async () => {
    await w.publishSigned([entry('kb/replay')], 'ana', ['bo']);
    const db = w.t.server.db.dataSource;
    const [v1] = (await db.query(`SELECT item FROM change_log WHERE id = 'kb/replay' AND version = 1`)) as Array<{ item: string }>;
    await w.publishSigned([{ ...entry('kb/replay'), body: 'Version two.', baseVersion: 1 }], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/replay/en': 2 });
    expect((await cli(verify, ['kb/replay', '--locale', 'en', ...w.lead(w.tokens.bo)])).code).toBe(0);
    const proxy = await startTamperProxy(w.t.url);
    try {
      proxy.rewrite = (url, page: { items?: Item[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        page.items = (page.items ?? []).map((item) => ({ ...(JSON.parse(v1?.item as string) as Item), seq: item.seq }));
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
    } finally {
      await proxy.close();
    }
    expect(await skippedReasons(w.agentDir)).toEqual({ 'kb/replay/en': 'refused: version lower than the one stored (rollback)' });
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/replay/en': 2 });
    expect(await showJson('kb/replay')).toMatchObject({ err: [], code: 0, entry: { version: 2 } });
  });

  it('an older version on the page right after the newer one, in one pull, is refused as a rollback', async () => {
    // The next page is checked while the one before is stored (puller.ts): its rollback check must
    // still read what that page stored. Pages of one change; the proxy swaps the two versions.
    await w.publishSigned([entry('kb/swap')], 'ana', ['bo']);
    await w.publishSigned([{ ...entry('kb/swap'), body: 'Version two.', baseVersion: 1 }], 'ana', ['bo']);
    const rows = (await w.t.server.db.dataSource.query(`SELECT seq, item FROM change_log WHERE id = 'kb/swap' ORDER BY seq`)) as Array<{ seq: number; item: string }>;
    const [v1, v2] = rows.map((r) => JSON.parse(r.item) as Item);
    const swapped = new Map([[Number(rows[0]?.seq), v2], [Number(rows[1]?.seq), v1]]);
    const proxy = await startTamperProxy(w.t.url);
    try {
      proxy.rewrite = (url, page: { items?: Item[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        page.items = (page.items ?? []).map((item) => ({ ...(swapped.get(item.seq) ?? item), seq: item.seq }));
        return page;
      };
      expect((await w.sync(['--page-size', '1'], proxy.url)).code).toBe(0);
    } finally {
      await proxy.close();
    }
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/swap/en': 2 });
    expect(await skippedReasons(w.agentDir)).toEqual({ 'kb/swap/en': 'refused: version lower than the one stored (rollback)' });
  });

  it('key lists with a bad root signature, a lower version, a truncated key or a huge size are refused; the held list stays', async () => {
    await w.publishSigned([entry('kb/good')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    expect((await w.signList()).code).toBe(0); // version 2, held by the agent after the next sync
    expect((await w.sync()).code).toBe(0);
    const db = w.t.server.db.dataSource;
    const [first] = (await db.query('SELECT document FROM key_lists WHERE version = 1')) as Array<{ document: string }>;
    const held = JSON.parse(first?.document as string) as { list: { version: number; keys: Array<{ publicKey: string }> }; signature: string };

    const otherRoot = path.join(w.keyDir, 'other-root.key');
    await createKey('init-root', otherRoot);
    const forged = await cli(keys, ['sign-list', '--root-key', otherRoot, ...w.lead(w.t.tokens.admin)]);
    expect(forged.err).toEqual(["error: the server's key list (version 2) is not signed by this root key; not building on it"]);

    const attacks: Array<[string, unknown, string]> = [
      ['bad root signature', { keyList: { ...held, list: { ...held.list, version: 9 } } }, 'key list refused: its root signature does not verify with the pinned org root key'],
      ['lower version', { keyList: held }, 'key list refused: version 1 is lower than the held version 2 (rollback)'],
      ['truncated key', { keyList: { ...held, list: { ...held.list, keys: held.list.keys.map((k) => ({ ...k, publicKey: k.publicKey.slice(0, 30) })) } } }, 'malformed key list: list.keys.0.publicKey a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
      ['non-base64 key', { keyList: { ...held, list: { ...held.list, keys: held.list.keys.map((k) => ({ ...k, publicKey: `ed25519:${'*'.repeat(43)}=` })) } } }, 'malformed key list: list.keys.0.publicKey a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'],
      ['huge', JSON.stringify({ keyList: { ...held, padding: 'x'.repeat(600 * 1024) } }), 'key list refused: the answer from PROXY/v1/key-list is larger than 512 KB; stopped reading it'],
    ];
    const proxy = await startTamperProxy(w.t.url);
    try {
      for (const [what, answer, reason] of attacks) {
        proxy.rewrite = (url) => (url.startsWith('/v1/key-list') ? answer : undefined);
        const synced = await w.sync([], proxy.url);
        expect({ what, code: synced.code, err: synced.err }).toEqual({ what, code: 0, err: [reason.replace('PROXY', proxy.url)] });
        expect((await showJson('kb/good')).entry?.approvers).toEqual(['bo']);
      }
    } finally {
      await proxy.close();
    }
  });

  it('truncated or non-base64 keys on the command line and in signatures are refused', async () => {
    const truncated = w.publicKeys.ana.slice(0, 40);
    await expect(cli(keys, ['register', '--public-key', truncated, '--name', 'x', ...w.lead(w.tokens.ana)])).rejects.toThrow(
      new UsageError('--public-key: a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'),
    );
    await expect(cli(sync, ['--server', w.t.url, '--token', w.t.tokens.agent, '--data-dir', w.agentDir, '--org-root-key', 'ed25519:not base64!'])).rejects.toThrow(
      new UsageError('--org-root-key: a public key is "ed25519:" + 32 bytes in base64 (44 characters ending in "=")'),
    );
    await w.publishSigned([entry('kb/cut-key'), entry('kb/bad-sig'), entry('kb/fine')], 'ana', ['bo']);
    const proxy = await startTamperProxy(w.t.url);
    try {
      proxy.rewrite = (url, page: { items?: Item[] }) => {
        if (!url.startsWith('/v1/changes')) return undefined;
        for (const item of page.items ?? []) {
          const [signature] = item.entry.signatures ?? [];
          if (!signature) continue;
          if (item.id === 'kb/cut-key') signature.keyId = signature.keyId.slice(0, 20);
          if (item.id === 'kb/bad-sig') signature.signature = `${'%'.repeat(86)}==`;
        }
        return page;
      };
      expect((await w.sync([], proxy.url)).code).toBe(0);
    } finally {
      await proxy.close();
    }
    expect(await skippedReasons(w.agentDir)).toEqual({
      'kb/cut-key/en': 'refused: signed by a key the org key list does not name',
      'kb/bad-sig/en': 'refused: bad signature',
    });
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/fine/en': 1 });
  });
});
