/**
 * `flags list` and `flags resolve` against a real server on 127.0.0.1: an agent's flag is listed
 * with its id, a lead resolves it (recorded in the history with who and how), a second resolve and
 * an agent's resolve are refused with the server's reason, and a malformed id never reaches it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as flags from '../../../main/cli/commands/flags';
import * as history from '../../../main/cli/commands/history';
import { UsageError } from '../../../common/cli/args';
import { api, publishLive, sqliteServer, type TestServer } from '../server/test-server';
import { cli, jsonLines } from './cli-helpers';

const NOW = new Date('2026-03-02T10:00:00.000Z');

describe('flags list / flags resolve (CLI)', () => {
  let t: TestServer;
  let flagId: string;
  const as = (token: string) => ['--server', t.url, '--token', token];

  beforeEach(async () => {
    t = await sqliteServer({ now: () => NOW });
    expect((await publishLive(t, { id: 'kb/fees', locale: 'en', kind: 'article', title: 'Fees', body: 'A fee of 5 EUR applies.', tags: [] })).status).toBe(200);
    const flag = { clientId: '5d7e2c1a-7d3f-4c55-9a7e-0c4d9b1e2f30', id: 'kb/fees', locale: 'en', version: 1, reason: 'outdated', comment: 'The fee changed in May' };
    const raised = await api(t.url, t.tokens.agent, 'POST', '/v1/flags', flag);
    expect(raised.status).toBe(200);
    flagId = raised.json.flagId as string;
  });
  afterEach(async () => {
    await t.close();
  });

  it('lists the open flags with the id resolving needs, as text and as one JSON object a line', async () => {
    expect(await cli(flags, ['list', ...as(t.tokens.lead)])).toEqual({
      code: 0,
      out: [`${flagId}  kb/fees (en) v1  outdated by alex-agent on 2026-03-02T10:00:00.000Z: The fee changed in May`],
      err: ['1 open flag(s)'],
    });
    const json = await cli(flags, ['list', ...as(t.tokens.lead), '--json']);
    expect(json.code).toBe(0);
    expect(json.err).toEqual([]);
    expect(jsonLines(json.out)).toEqual([
      {
        reason: 'flagged',
        id: 'kb/fees',
        locale: 'en',
        title: 'Fees',
        owner: 'root',
        version: 1,
        flagId,
        flagReason: 'outdated',
        flaggedBy: 'alex-agent',
        flaggedAt: NOW.toISOString(),
        comment: 'The fee changed in May',
      },
    ]);
  });

  it('resolves a flag once: recorded with who and how, gone from the list, a second resolve refused', async () => {
    const resolved = await cli(flags, ['resolve', flagId, ...as(t.tokens.lead), '--resolution', 'dismissed', '--comment', 'fee unchanged']);
    expect(resolved).toEqual({ code: 0, out: [`resolved flag ${flagId}: dismissed`], err: [] });
    expect(await cli(flags, ['list', ...as(t.tokens.lead)])).toEqual({ code: 0, out: [], err: ['0 open flag(s)'] });
    const steps = jsonLines<{ event: string; actor: string; comment: string | null }>((await cli(history, ['kb/fees', '--locale', 'en', ...as(t.tokens.lead), '--json'])).out);
    expect(steps.slice(-2).map((s) => [s.event, s.actor, s.comment])).toEqual([
      ['flagged', 'alex-agent', 'outdated (on version 1): The fee changed in May'],
      ['flag_resolved', 'lena-lead', 'dismissed: fee unchanged'],
    ]);

    const again = await cli(flags, ['resolve', flagId, ...as(t.tokens.lead)]);
    expect(again).toEqual({ code: 1, out: [], err: [`error: request failed with 409: flag "${flagId}" was already resolved (dismissed) by lena-lead [conflict]`] });
  });

  it('resolves as fixed by default', async () => {
    expect(await cli(flags, ['resolve', flagId, ...as(t.tokens.lead)])).toEqual({ code: 0, out: [`resolved flag ${flagId}: fixed`], err: [] });
  });

  it('an agent may not resolve: the server’s reason, exit 1, the flag stays open', async () => {
    const refused = await cli(flags, ['resolve', flagId, ...as(t.tokens.agent)]);
    expect(refused).toEqual({ code: 1, out: [], err: ['error: the token is not allowed to do this (403): this needs a lead token; "alex-agent" is an agent [forbidden]'] });
    expect((await cli(flags, ['list', ...as(t.tokens.lead), '--json'])).out).toHaveLength(1);
  });

  it('an unknown flag id is the server’s 404; a malformed one or a wrong resolution is a usage error before any request', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await cli(flags, ['resolve', unknown, ...as(t.tokens.lead)])).toEqual({ code: 1, out: [], err: [`error: request failed with 404: no flag "${unknown}" [not_found]`] });
    await expect(cli(flags, ['resolve', '../../v1/tokens', ...as(t.tokens.lead)])).rejects.toThrow(
      new UsageError('<flagId> must be a flag id as `flags list` prints it (got "../../v1/tokens")'),
    );
    await expect(cli(flags, ['resolve', flagId, '--resolution', 'done', ...as(t.tokens.lead)])).rejects.toThrow(new UsageError('--resolution must be one of fixed, dismissed'));
    await expect(cli(flags, ['close', flagId, ...as(t.tokens.lead)])).rejects.toThrow(new UsageError('unknown flags subcommand "close" (list or resolve)'));
    expect((await cli(flags, ['list', ...as(t.tokens.lead), '--json'])).out).toHaveLength(1);
  });
});
