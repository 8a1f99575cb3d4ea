/** The synonym API on a real server (SQLite): review with four eyes, agents' versioned fetch, refusals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, sqliteServer, type TestServer } from '../server/test-server';

describe('synonym rules on the server', () => {
  let t: TestServer;
  let lead2: string;
  beforeAll(async () => {
    t = await sqliteServer();
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
});
