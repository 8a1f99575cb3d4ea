/**
 * Signed synonyms end to end (issue #18 with issue #15's keys): with the org root key pinned, the
 * agent applies a rule a lead approved with `synonyms approve --key`, and refuses one approved
 * without a key. Real server, the CLI, and the agent's core and app services.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../common/ipc-contract';
import * as synonyms from '../../../main/cli/commands/synonyms';
import { startQuietApp } from '../../helpers/quiet-app';
import { signingWorld, type SigningWorld } from '../signing/signing-fixture';
import { cli } from '../workflow/cli-helpers';

const refunds = { id: 'kb/refunds', locale: 'en', title: 'Refunds for cancelled orders', body: 'We pay the amount within five days.', tags: [] };

describe('signed synonyms', () => {
  let w: SigningWorld;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(async () => {
    w = await signingWorld();
  });
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
    await w.close();
  });

  it('an agent with the root key pinned applies the rule approved with a key and refuses the one approved without', async () => {
    await w.publishSigned([refunds], 'ana', ['bo']);
    const add = async (terms: string, target: string) => {
      const added = await cli(synonyms, ['add', '--locale', 'en', '--terms', terms, '--one-way-to', target, ...w.lead(w.tokens.ana)]);
      expect(added.code, added.err.join('\n')).toBe(0);
      return (added.out[0] as string).split(' ')[0] as string;
    };
    const signedRule = await add('money back', 'refund');
    const unsignedRule = await add('cash returned', 'refund');
    const signed = await cli(synonyms, ['approve', signedRule, '--key', w.keyFiles.bo, ...w.lead(w.tokens.bo)]);
    expect(signed.code, signed.err.join('\n')).toBe(0);
    expect(signed.out[0]).toMatch(/^approved .* money back → refund .*\(signed\); the synonym set is at version 1$/);
    expect((await cli(synonyms, ['approve', unsignedRule, ...w.lead(w.tokens.bo)])).code).toBe(0);
    await expect(cli(synonyms, ['reject', unsignedRule, '--key', w.keyFiles.bo, ...w.lead(w.tokens.bo)])).rejects.toThrow('--key signs an approval: synonyms approve <rule-id> --key <file>');

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-signed-synonyms-'));
    const { core, app, call } = await startQuietApp(dataDir, cleanup, {}, { orgRootKey: w.root.publicKey });
    await core.settings.update({ serverUrl: w.t.url, token: w.t.tokens.agent });
    expect((await app.sync.syncNow()).ok).toBe(true);
    await app.synonyms.refresh();
    const search = async (query: string) => ((await call('search', { query })) as { ok: true; value: SearchResponse }).value.hits.map((h) => h.id);
    expect(await search('money back ')).toEqual(['kb/refunds']);
    expect(await search('cash returned ')).toEqual([]);
    expect(app.synonyms.refused).toEqual({ unsigned: 1 });
  });
});
