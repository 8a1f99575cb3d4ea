/**
 * The Library's report and synonym channels in main (issue #18) against a real server: refused to
 * an agent's token in main; a rule added from a missed search, checked before it is sent; another
 * lead's approval signed with the approver key their app holds, so agents with a pinned root key
 * apply it; an edit replaces the live rule once approved.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_CHANNELS, LIBRARY_ENTRY_URL, type LibraryChannelKey } from '../../../common/library-channels';
import type { LibraryResponseTypes } from '../../../common/library-contract';
import type { IpcResult } from '../../../common/ipc-contract';
import { synonymPayload } from '../../../common/signing/synonym-approval';
import { verifyText } from '../../../main/signing/ed25519';
import { api, sqliteServer, type TestServer } from '../server/test-server';
import { startQuietApp } from '../../helpers/quiet-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs('cuecard-library-synonyms-');

describe('Library reports and synonyms in main', () => {
  let t: TestServer;
  let boToken: string;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeAll(async () => {
    t = await sqliteServer();
    boToken = await t.server.tokens.create('bo-lead', 'lead');
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
  });

  async function library(token: string) {
    const app = await startQuietApp(tempDir(), cleanup);
    await app.core.settings.update({ serverUrl: t.url, token });
    const lib = <K extends LibraryChannelKey>(key: K, payload: unknown) =>
      app.app.libraryRouter.dispatch(LIBRARY_CHANNELS[key], LIBRARY_ENTRY_URL, payload) as Promise<IpcResult<LibraryResponseTypes[K]>>;
    return { ...app, lib };
  }
  const ok = <T>(answer: IpcResult<T>): T => {
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  };

  it('refuses an agent’s token on every report and synonym channel, in main', async () => {
    const { lib } = await library(t.tokens.agent);
    const calls: Array<[LibraryChannelKey, unknown]> = [
      ['report', { name: 'no-results' }],
      ['synonymRules', { state: 'in_review' }],
      ['addSynonym', { rule: { locale: 'en', terms: ['a'], oneWayTo: 'b' } }],
      ['decideSynonym', { ruleId: '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c', action: 'approve' }],
    ];
    for (const [key, payload] of calls) expect(await lib(key, payload), key).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });

  it('adds a rule, refuses a bad one before sending it, and another lead’s approval is signed with their app’s key', async () => {
    const lena = await library(t.tokens.lead);
    expect(ok(await lena.lib('report', { name: 'no-results' }))).toMatchObject({ report: 'no-results', rows: [] });
    expect(await lena.lib('addSynonym', { rule: { locale: 'en', terms: ['money back'], oneWayTo: 'money back' } })).toEqual({
      ok: false,
      error: { code: 'bad_request', message: '"money back" leads to itself (a cycle)' },
    });
    const [rule] = ok(await lena.lib('addSynonym', { rule: { locale: 'en', terms: ['money back'], oneWayTo: 'refund' } })).rules;
    expect(rule).toMatchObject({ state: 'in_review', author: 'lena-lead' });
    expect(await lena.lib('decideSynonym', { ruleId: rule?.ruleId, action: 'approve' })).toMatchObject({ ok: false, error: { code: 'refused' } });

    const bo = await library(boToken);
    const keyId = await bo.core.approverKeys.create();
    expect((await api(t.url, boToken, 'POST', '/v1/keys', { name: 'bo', publicKey: keyId })).status).toBe(200);
    const decided = ok(await bo.lib('decideSynonym', { ruleId: rule?.ruleId, action: 'approve' }));
    expect(decided.rule.state).toBe('approved');
    const [signature] = decided.rule.signatures;
    expect(signature?.keyId).toBe(keyId);
    expect(verifyText(keyId, synonymPayload(decided.rule, signature as { keyId: string; approvedAt: string }), signature?.signature as string)).toBe(true);

    const [edit] = ok(await lena.lib('addSynonym', { rule: { locale: 'en', terms: ['money back'], oneWayTo: 'refunds' }, replaces: rule?.ruleId })).rules;
    ok(await bo.lib('decideSynonym', { ruleId: edit?.ruleId, action: 'approve' }));
    expect(ok(await bo.lib('synonymRules', { state: 'approved' })).rules.map((r) => r.oneWayTo)).toEqual(['refunds']);
  });
});
