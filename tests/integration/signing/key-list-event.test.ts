/**
 * A new org key list reaches connected agents at once (issue #15): the admin's upload is a
 * `key-list` event on `/v1/events`; the agent fetches the list, checks its root signature and
 * version, and re-verifies what it holds — entries and synonym rules signed by the revoked key
 * after its revocation time leave search and are named in the sync status; the others stay.
 * Real server on 127.0.0.1, the agent's real core and app services, no poll in between.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../common/ipc-contract';
import * as synonyms from '../../../main/cli/commands/synonyms';
import { startQuietApp } from '../../helpers/quiet-app';
import { waitUntil } from '../sync/sync-client';
import { cli } from '../workflow/cli-helpers';
import { signingWorld, type SigningWorld } from './signing-fixture';

const entry = (id: string, title: string) => ({ id, locale: 'en', title, body: `The approved text of ${id}.`, tags: [] });

describe('a new org key list on the live event stream', () => {
  let w: SigningWorld;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(async () => {
    w = await signingWorld();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await w.close();
  });

  it('re-verifies held entries and synonyms at once: what the revoked key signed since leaves search, the rest stays', async () => {
    await w.publishSigned([entry('kb/by-bo', 'Parcel lost in transit')], 'ana', ['bo']);
    await w.publishSigned([entry('kb/refunds', 'Refunds for cancelled orders')], 'ana', ['cy']);
    const rule = async (terms: string, signer: 'bo' | 'cy') => {
      const added = await cli(synonyms, ['add', '--locale', 'en', '--terms', terms, '--one-way-to', 'refunds', ...w.lead(w.tokens.ana)]);
      expect(added.code, added.err.join('\n')).toBe(0);
      const approved = await cli(synonyms, ['approve', (added.out[0] as string).split(' ')[0] as string, '--key', w.keyFiles[signer], ...w.lead(w.tokens[signer])]);
      expect(approved.code, approved.err.join('\n')).toBe(0);
    };
    await rule('money back', 'bo');
    await rule('cash returned', 'cy');

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-key-list-event-'));
    const { core, app, call } = await startQuietApp(dataDir, cleanup, {}, { orgRootKey: w.root.publicKey });
    // Live first, configured after: the settings' reconnect is the one connection (no second one
    // later that would pull and fetch the key list on its own).
    await app.sync.start();
    await core.settings.update({ serverUrl: w.t.url, token: w.t.tokens.agent });
    await waitUntil(async () => (await core.store.get('kb/refunds', 'en')) !== null && app.sync.status().state === 'online', 10_000, 'the first sync');
    await app.synonyms.refresh();
    const search = async (query: string) => ((await call('search', { query })) as { ok: true; value: SearchResponse }).value.hits.map((h) => h.id);
    expect(await search('money back ')).toEqual(['kb/refunds']);
    expect(await search('cash returned ')).toEqual(['kb/refunds']);
    expect(await search('parcel lost')).toEqual(['kb/by-bo']);
    expect(app.sync.status().lastError).toBeNull();

    // bo's key was stolen: the admin revokes it back to before everything it signed. No poll, no
    // pull is asked for here: only the event can tell the agent.
    const signed = await w.signList(['--revoke', 'bo', '--revoke-from', '2020-01-01T00:00:00Z']);
    expect(signed.code, signed.err.join('\n')).toBe(0);
    await waitUntil(async () => (await core.store.get('kb/by-bo', 'en')) === null, 10_000, 'the revoked key’s entry to leave the store');
    await waitUntil(() => app.synonyms.refused.key_revoked === 1, 10_000, 'the revoked key’s synonym to be refused');
    await waitUntil(() => app.sync.status().lastError !== null, 10_000, 'the status to name the refusal');

    expect(app.sync.status().lastError).toBe(
      'synced, but skipped 1 entry the server sent that this app cannot store (“kb/by-bo” in en: refused: signed by a key revoked before the approval time); ask the knowledge base admin to fix or retire it',
    );
    expect(await search('parcel lost')).toEqual([]);
    expect(await search('money back ')).toEqual([]);
    expect(app.synonyms.refused).toEqual({ key_revoked: 1 });
    // Nothing good is lost: cy's entry and rule still verify.
    expect((await core.store.get('kb/refunds', 'en'))?.title).toBe('Refunds for cancelled orders');
    expect(await search('cash returned ')).toEqual(['kb/refunds']);
    // The refused entry is kept aside with its reason, not deleted.
    expect((await core.store.refused()).map((r) => [r.id, r.reason])).toEqual([['kb/by-bo', 'key_revoked']]);
  });
});
