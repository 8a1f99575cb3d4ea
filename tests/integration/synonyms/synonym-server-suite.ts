/**
 * The synonym API on a real server, run on SQLite (synonym-server.test.ts) and PostgreSQL
 * (tests/integration/server/synonyms-signals-postgres.pg-test.ts): review with four eyes, agents'
 * versioned fetch, refusals, edits that replace a live rule, signed approvals, and the `synonyms`
 * event every event stream gets when the set changes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synonymPayload } from '../../../common/signing/synonym-approval';
import { publicKeyText, signText } from '../../../main/signing/ed25519';
import { openSse } from '../server/sse-reader';
import { api, type ServerFactory, type TestServer } from '../server/test-server';

export function defineSynonymServerSuite(name: string, factory: ServerFactory): void {
describe(`synonym rules on the server (${name})`, () => {
  let t: TestServer;
  let lead2: string;
  beforeAll(async () => {
    t = await factory();
    lead2 = await t.server.tokens.create('bo-lead', 'lead');
  });
  afterAll(() => t.close());

  it('a submitted rule waits in review, its author cannot approve it, another lead can; agents then get it', async () => {
    const before = await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms');
    expect(before).toEqual({ status: 200, json: { version: 0, rules: [] } });

    const submitted = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', {
      rules: [{ locale: 'en', terms: ['refund', 'money back'], oneWayTo: null }],
    });
    expect(submitted.status).toBe(200);
    const rule = submitted.json.rules[0];
    expect(rule).toMatchObject({ state: 'in_review', author: 'lena-lead', terms: ['refund', 'money back'] });
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms')).json).toEqual({ version: 0, rules: [] });
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/synonyms/rules')).json.rules.map((r: { ruleId: string }) => r.ruleId)).toEqual([rule.ruleId]);

    const own = await api(t.url, t.tokens.lead, 'POST', `/v1/synonyms/${rule.ruleId}/approve`);
    expect(own.status).toBe(403);
    expect(own.json.error.code).toBe('four_eyes');
    const byAgent = await api(t.url, t.tokens.agent, 'POST', `/v1/synonyms/${rule.ruleId}/approve`);
    expect(byAgent.status).toBe(403);

    const approved = await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ version: 1, rule: { state: 'approved', decidedBy: 'bo-lead' } });
    expect((await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`)).status).toBe(409);

    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms')).json).toEqual({
      version: 1,
      rules: [{ ruleId: rule.ruleId, locale: 'en', terms: ['refund', 'money back'], oneWayTo: null, signatures: [] }],
    });
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms?since=1')).json).toEqual({ version: 1, rules: null });

    const retired = await api(t.url, lead2, 'DELETE', `/v1/synonyms/${rule.ruleId}`);
    expect(retired.json).toMatchObject({ version: 2, rule: { state: 'retired' } });
    expect((await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms?since=1')).json).toEqual({ version: 2, rules: [] });
  });

  it('refuses bad rules whole, naming the rule, and a cycle with the live rules', async () => {
    const empty = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'en', terms: ['<b>x</b>', 'y'], oneWayTo: null }] });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toBe('rules.0: the term "<b>x</b>" looks like markup or script, not words');

    const first = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'en', terms: ['telly'], oneWayTo: 'television' }] });
    await api(t.url, lead2, 'POST', `/v1/synonyms/${first.json.rules[0].ruleId}/approve`);
    const cycle = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', {
      rules: [
        { locale: 'en', terms: ['fine', 'ok'], oneWayTo: null },
        { locale: 'en', terms: ['television'], oneWayTo: 'telly' },
      ],
    });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.message).toBe('rules.1: "television" → "telly" closes a cycle: "telly" → "television" → "telly"');
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/synonyms/rules')).json.rules).toEqual([]);

    const huge = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', {
      rules: [{ locale: 'en', terms: Array.from({ length: 10_000 }, (_, i) => `w${i}`), oneWayTo: null }],
    });
    expect(huge.status).toBe(400);
  });

  it('an edit of a live rule waits in review and, once approved, replaces it in one version', async () => {
    const first = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'de', terms: ['Geld zurück'], oneWayTo: 'Rückzahlung' }] });
    const old = first.json.rules[0].ruleId as string;
    const live = await api(t.url, lead2, 'POST', `/v1/synonyms/${old}/approve`);
    const edit = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'de', terms: ['Geld zurück'], oneWayTo: 'Erstattung' }], replaces: old });
    expect(edit.json.rules[0]).toMatchObject({ state: 'in_review', replaces: old });
    const twoRules = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', {
      rules: [{ locale: 'de', terms: ['a'], oneWayTo: 'b' }, { locale: 'de', terms: ['c'], oneWayTo: 'd' }],
      replaces: old,
    });
    expect(twoRules.status).toBe(400);
    const approved = await api(t.url, lead2, 'POST', `/v1/synonyms/${edit.json.rules[0].ruleId}/approve`);
    expect(approved.json.version).toBe(live.json.version + 1);
    const rules = (await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms')).json.rules.filter((r: { locale: string }) => r.locale === 'de');
    expect(rules.map((r: { oneWayTo: string }) => r.oneWayTo)).toEqual(['Erstattung']);
    const retired = (await api(t.url, lead2, 'GET', '/v1/synonyms/rules?state=retired')).json.rules.map((r: { ruleId: string }) => r.ruleId);
    expect(retired).toContain(old);
    const again = await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'de', terms: ['x'], oneWayTo: 'y' }], replaces: old });
    expect(again.status).toBe(409); // only a live rule can be edited
  });

  it('keeps and relays an approver’s signature; refuses one by an unregistered key or far from its clock', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const keyId = publicKeyText(publicKey);
    const rule = (await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'fr', terms: ['remboursement', 'argent rendu'], oneWayTo: null }] })).json.rules[0];
    const sign = (approvedAt: string) => ({ keyId, approvedAt, signature: signText(privateKey, synonymPayload(rule, { approvedAt, keyId })) });
    const unregistered = await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`, { signature: sign(new Date().toISOString()) });
    expect(unregistered.status).toBe(400);
    expect(unregistered.json.error).toEqual({ code: 'key_not_registered', message: 'this key is not registered with the server: register it first' });
    expect((await api(t.url, lead2, 'POST', '/v1/keys', { name: 'bo', publicKey: keyId })).status).toBe(200);
    const stale = await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`, { signature: sign('2020-01-01T00:00:00.000Z') });
    expect(stale.status).toBe(400);
    const malformed = await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`, { signature: { keyId, approvedAt: 'yesterday', signature: 'x' } });
    expect(malformed.status).toBe(400);
    const signature = sign(new Date().toISOString());
    const approved = await api(t.url, lead2, 'POST', `/v1/synonyms/${rule.ruleId}/approve`, { signature });
    expect(approved.status).toBe(200);
    expect(approved.json.rule.signatures).toEqual([signature]);
    const relayed = (await api(t.url, t.tokens.agent, 'GET', '/v1/synonyms')).json.rules.find((r: { ruleId: string }) => r.ruleId === rule.ruleId);
    expect(relayed).toEqual({ ruleId: rule.ruleId, locale: 'fr', terms: ['remboursement', 'argent rendu'], oneWayTo: null, signatures: [signature] });
  });

  it('tells every event stream of a new synonym set version (approval, retirement), not of a rejection', async () => {
    const stream = await openSse(`${t.url}/v1/events`, t.tokens.agent);
    try {
      const submit = async (term: string) => (await api(t.url, t.tokens.lead, 'POST', '/v1/synonyms', { rules: [{ locale: 'es', terms: [term], oneWayTo: 'reembolso' }] })).json.rules[0].ruleId as string;
      const rejected = await submit('dinero devuelto');
      expect((await api(t.url, lead2, 'POST', `/v1/synonyms/${rejected}/reject`)).status).toBe(200);
      const ruleId = await submit('devolución');
      const approved = await api(t.url, lead2, 'POST', `/v1/synonyms/${ruleId}/approve`);
      const announced = await stream.waitFor((e) => e.event === 'synonyms');
      expect(JSON.parse(announced.data)).toEqual({ version: approved.json.version });
      const retired = await api(t.url, lead2, 'DELETE', `/v1/synonyms/${ruleId}`);
      await stream.waitFor((e) => e.event === 'synonyms' && JSON.parse(e.data).version === retired.json.version);
      expect(stream.events.filter((e) => e.event === 'synonyms').map((e) => JSON.parse(e.data))).toEqual([{ version: approved.json.version }, { version: retired.json.version }]);
    } finally {
      stream.close();
    }
  });
});
}
