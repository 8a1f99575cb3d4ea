/** The server's request log: JSON lines through Fastify's pino logger, never the token. */
import { afterEach, describe, expect, it } from 'vitest';
import { captureJsonLog as capture } from '../../helpers/json-log-stream';
import { api, article, sqliteServer, type TestServer } from './test-server';

describe('server request log', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('writes one JSON line per request with id, route, status and time, and never the token', async () => {
    const log = capture();
    t = await sqliteServer({ logLevel: 'info', logStream: log.stream });
    await api(t.url, t.tokens.lead, 'POST', '/v1/entries', article('secret-entry', 'en', { body: 'BODY-MUST-NOT-BE-LOGGED' }));
    await api(t.url, t.tokens.agent, 'GET', '/v1/changes?after=0');
    await api(t.url, 'cct_wrong-token-value', 'GET', '/v1/changes');
    await api(t.url, null, 'GET', '/v1/nothing');
    const requests = log.lines().filter((l) => l.msg === 'request');
    expect(requests.map((l) => [l.method, l.route, l.status, l.caller])).toEqual([
      ['POST', '/v1/entries', 200, 'lena-lead'],
      ['GET', '/v1/changes', 200, 'alex-agent'],
      ['GET', '/v1/changes', 401, undefined],
      ['GET', null, 404, undefined],
    ]);
    for (const line of requests) {
      expect(typeof line.reqId).toBe('string');
      expect(typeof line.ms).toBe('number');
      expect(line.level).toBe(30);
    }
    expect(new Set(requests.map((l) => l.reqId)).size).toBe(4);
    for (const secret of [t.tokens.lead, t.tokens.agent, 'cct_wrong-token-value', 'BODY-MUST-NOT-BE-LOGGED', 'Bearer']) {
      expect(log.text()).not.toContain(secret);
    }
  });

  it('logs nothing below its level', async () => {
    const log = capture();
    t = await sqliteServer({ logLevel: 'warn', logStream: log.stream });
    await api(t.url, t.tokens.agent, 'GET', '/v1/changes');
    expect(log.text()).toBe('');
  });
});
