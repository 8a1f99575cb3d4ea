/**
 * The README's two-leads walk-through (which `npm run readme` also runs as written) with exact
 * assertions, against a real server on 127.0.0.1: two leads and an agent, with signed knowledge
 * on (the agent pins the org root key; Bo signs his approvals).
 * Lead A publishes, the agent's sync does not see it; A's own approval is refused; B approves; the
 * agent's sync and search find it "approved by B"; a new English version approved by B marks the
 * French variant stale for the agent; A confirms the French; the stale mark is gone; history
 * lists every step. Then the export round-trips through `import`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as approve from '../../../main/cli/commands/approve';
import * as confirmTranslation from '../../../main/cli/commands/confirm-translation';
import * as exportCommand from '../../../main/cli/commands/export';
import * as history from '../../../main/cli/commands/history';
import * as importCommand from '../../../main/cli/commands/import';
import * as keys from '../../../main/cli/commands/keys';
import * as show from '../../../main/cli/commands/show';
import * as publish from '../../../main/cli/commands/publish';
import * as queue from '../../../main/cli/commands/queue';
import * as search from '../../../main/cli/commands/search';
import * as sync from '../../../main/cli/commands/sync';
import { sqliteServer, type TestServer } from '../server/test-server';
import { cli, jsonLines, ndjsonFile, tempDir } from './cli-helpers';

interface Hit {
  id: string;
  locale: string;
  title: string;
  approvedBy: string | null;
  staleTranslation: boolean;
  sourceLocale: string | null;
}

const en = { id: 'kb/returns', locale: 'en', title: 'Returns within 30 days', body: 'Customers may return items within 30 days.', tags: ['returns'] };
const fr = { id: 'kb/returns', locale: 'fr', title: 'Retours sous 30 jours', body: 'Les clients peuvent retourner un article sous 30 jours.', tags: ['retours'] };

describe('two leads and an agent, end to end (README)', () => {
  let t: TestServer;
  let ana: string;
  let bo: string;
  let agentDir: string;
  let root: string;
  let boKey: string;
  const lead = (token: string) => ['--server', t.url, '--token', token];
  const agentSync = async () => {
    const result = await cli(sync, ['--server', t.url, '--token', t.tokens.agent, '--data-dir', agentDir, '--org-root-key', root]);
    expect(result.code, result.err.join('\n')).toBe(0);
  };
  const agentSearch = async (query: string, locale: string): Promise<Hit[]> => {
    const result = await cli(search, [query, '--data-dir', agentDir, '--locale', locale, '--json']);
    return (JSON.parse(result.out[0] as string) as { results: Hit[] }).results;
  };

  beforeEach(async () => {
    t = await sqliteServer();
    ana = await t.server.tokens.create('ana', 'lead');
    bo = await t.server.tokens.create('bo', 'lead');
    agentDir = tempDir('cuecard-agent-');
    // 0. The org root key, Bo's approver key, the key list signed with the root key.
    const keyDir = tempDir('cuecard-keys-');
    root = (await cli(keys, ['init-root', '--out', path.join(keyDir, 'root.key')])).out.at(-1) as string;
    boKey = path.join(keyDir, 'bo.key');
    const boPublic = (await cli(keys, ['create', '--out', boKey])).out.at(-1) as string;
    expect((await cli(keys, ['register', '--public-key', boPublic, '--name', 'bo', ...lead(bo)])).code).toBe(0);
    expect((await cli(keys, ['sign-list', '--root-key', path.join(keyDir, 'root.key'), ...lead(t.tokens.admin)])).code).toBe(0);
  });
  afterEach(async () => {
    await t.close();
  });

  it('publish → four eyes → approve → agent sees it → new source version marks French stale → confirm → history', async () => {
    // 1. Lead A publishes: versions in review, nothing reaches agents.
    const file = ndjsonFile([en, fr]);
    const published = await cli(publish, [file, '--kind', 'article', ...lead(ana)]);
    expect(published).toEqual({ code: 0, out: [`submitted 2 article versions from ${file} for review in 1 batch(es); server at seq 0`], err: ['submitted 2/2'] });
    await agentSync();
    expect(await agentSearch('returns', 'en')).toEqual([]);

    // 2. A's own approval is refused (four eyes); nothing changes.
    const own = await cli(approve, ['kb/returns', '--locale', 'en', ...lead(ana)]);
    expect(own.code).toBe(1);
    expect(own.err).toEqual(['error: the token is not allowed to do this (403): "ana" wrote version 1; another lead must approve it (four eyes) [four_eyes]']);

    // 3. Lead B approves both; the agent's sync and search find them, approved by B.
    expect(await cli(approve, ['kb/returns', '--locale', 'en', '--key', boKey, ...lead(bo)])).toMatchObject({ code: 0, out: ['approved kb/returns (en) version 1 (signed): it is live, server at seq 1'] });
    expect((await cli(approve, ['kb/returns', '--locale', 'fr', '--key', boKey, ...lead(bo)])).code).toBe(0);
    await agentSync();
    const shown = await cli(show, ['kb/returns', '--locale', 'en', '--data-dir', agentDir]);
    expect(shown).toMatchObject({ code: 0, out: ['Returns within 30 days  (kb/returns, en, article, version 1)', 'approved by bo (signatures verified)', 'tags: returns', '', en.body] });
    const [hit] = await agentSearch('returns', 'en');
    expect(hit).toMatchObject({ id: 'kb/returns', locale: 'en', approvedBy: 'bo', staleTranslation: false, sourceLocale: 'en' });
    expect((await agentSearch('retours', 'fr'))[0]).toMatchObject({ locale: 'fr', approvedBy: 'bo', staleTranslation: false });

    // 4. A new English version, approved by B, marks the French variant stale for the agent.
    const v2 = ndjsonFile([{ ...en, title: 'Returns within 60 days', body: 'Customers may return items within 60 days.' }]);
    expect((await cli(publish, [v2, '--kind', 'article', ...lead(ana)])).code).toBe(0);
    expect((await cli(approve, ['kb/returns', '--locale', 'en', '--key', boKey, ...lead(bo)])).code).toBe(0);
    await agentSync();
    expect((await agentSearch('returns 60', 'en'))[0]).toMatchObject({ title: 'Returns within 60 days', approvedBy: 'bo', staleTranslation: false });
    expect((await agentSearch('retours', 'fr'))[0]).toMatchObject({ locale: 'fr', staleTranslation: true, sourceLocale: 'en' });
    const waiting = jsonLines((await cli(queue, [...lead(ana), '--json'])).out);
    expect(waiting).toEqual([{ reason: 'stale_translation', id: 'kb/returns', locale: 'fr', title: fr.title, owner: 'ana', version: 1, sourceLocale: 'en', sourceVersion: 2 }]);

    // 5. A confirms the French is still right: the agent's stale mark is gone.
    expect(await cli(confirmTranslation, ['kb/returns', '--locale', 'fr', ...lead(ana)])).toMatchObject({ code: 0 });
    await agentSync();
    expect((await agentSearch('retours', 'fr'))[0]).toMatchObject({ locale: 'fr', staleTranslation: false });
    expect((await cli(queue, [...lead(ana), '--json'])).out).toEqual([]);

    // 6. History lists every step, oldest first.
    const steps = (locale: string) =>
      cli(history, ['kb/returns', '--locale', locale, ...lead(ana), '--json']).then((r) =>
        jsonLines<{ version: number; state: string; event: string; author: string; actor: string; approvedBy: string | null; at: string; title: string }>(r.out),
      );
    const enSteps = await steps('en');
    expect(enSteps.map((s) => [s.version, s.event, s.state, s.author, s.actor, s.approvedBy, s.title])).toEqual([
      [1, 'submitted', 'in_review', 'ana', 'ana', null, en.title],
      [1, 'approved', 'approved', 'ana', 'bo', 'bo', en.title],
      [2, 'submitted', 'in_review', 'ana', 'ana', null, 'Returns within 60 days'],
      [1, 'superseded', 'superseded', 'ana', 'bo', 'bo', en.title],
      [2, 'approved', 'approved', 'ana', 'bo', 'bo', 'Returns within 60 days'],
    ]);
    expect(enSteps.map((s) => s.at)).toEqual([...enSteps.map((s) => s.at)].sort());
    expect((await steps('fr')).map((s) => [s.version, s.event, s.actor])).toEqual([
      [1, 'submitted', 'ana'],
      [1, 'approved', 'bo'],
      [1, 'marked_stale', 'bo'],
      [1, 'translation_confirmed', 'ana'],
    ]);
  });

  it('exports every live entry with owner and approval, and the export imports into an empty local DB', async () => {
    const file = ndjsonFile([en, fr, { ...en, id: 'kb/draft-only', title: 'Not approved yet' }]);
    expect((await cli(publish, [file, '--kind', 'article', ...lead(ana)])).code).toBe(0);
    for (const locale of ['en', 'fr']) expect((await cli(approve, ['kb/returns', '--locale', locale, ...lead(bo)])).code).toBe(0);
    const out = path.join(tempDir('cuecard-export-'), 'kb.ndjson');
    const exported = await cli(exportCommand, [...lead(ana), '--out', out]);
    expect(exported).toEqual({ code: 0, out: [], err: [`exported 2 live entries to ${out}`] });
    const records = jsonLines(fs.readFileSync(out, 'utf8').trim().split('\n'));
    expect(records.map((r) => [r.id, r.locale, r.owner, r.version, r.approvedBy])).toEqual([
      ['kb/returns', 'en', 'ana', 1, 'bo'],
      ['kb/returns', 'fr', 'ana', 1, 'bo'],
    ]);
    expect(records[0]).toMatchObject({ title: en.title, body: en.body, tags: en.tags, url_or_path: null, kind: 'article' });

    const dataDir = tempDir('cuecard-import-');
    const imported = await cli(importCommand, [out, '--data-dir', dataDir]);
    expect(imported.code, imported.err.join('\n')).toBe(0);
    const found = await cli(search, ['retours', '--data-dir', dataDir, '--locale', 'fr', '--json']);
    expect((JSON.parse(found.out[0] as string) as { results: Hit[] }).results.map((h) => [h.id, h.locale, h.title])).toEqual([['kb/returns', 'fr', fr.title]]);
  });
});
