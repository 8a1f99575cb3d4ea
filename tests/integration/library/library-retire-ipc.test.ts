/**
 * Retiring from the Library (issue #15 leftovers) through its channels in main, against a real
 * server: the retirement of each live locale is signed with the approver key the app holds sealed,
 * over the live version, and an agent pinning the org root key drops the entry; without a key (when
 * the organisation signs) nothing is retired and the lead is told why; one refused locale does not
 * stop the others. Retirements made without a signature are listed and signed from the Library.
 * Hostile requests are refused at the channel.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../common/ipc-channels';
import * as retire from '../../../main/cli/commands/retire';
import { NO_KEY_TO_RETIRE } from '../../../main/application/approver-key-services';
import { startQuietApp } from '../../helpers/quiet-app';
import { libraryCalls } from '../../helpers/library-calls';
import { useTempDirs } from '../../helpers/temp-dir';
import { skippedReasons, storedVersions } from '../signing/agent-db';
import { signingWorld, type SigningWorld } from '../signing/signing-fixture';
import { cli } from '../workflow/cli-helpers';

const tempDir = useTempDirs('cuecard-library-retire-');
const record = (id: string, locale: string) => ({ id, locale, title: `${id} in ${locale}`, body: `The approved text of ${id} (${locale}).`, tags: [] });

describe('retiring from the Library', () => {
  let w: SigningWorld;
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(async () => {
    w = await signingWorld();
  });
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()?.();
    await w.close();
  });

  async function library(token: string) {
    const app = await startQuietApp(tempDir(), cleanup, {}, { orgRootKey: w.root.publicKey });
    await app.core.settings.update({ serverUrl: w.t.url, token });
    return libraryCalls(app.app.libraryRouter);
  }
  /** A lead whose app made and registered its key, which the admin then signed into the list. */
  async function leadWithKey(name: string) {
    const lead = await library(await w.t.server.tokens.create(name, 'lead'));
    await lead.ok('createApproverKey');
    await lead.ok('registerApproverKey', { name });
    const listed = await w.signList();
    expect(listed.code, listed.err.join('\n')).toBe(0);
    await lead.ok('load', { refresh: true });
    return lead;
  }

  it('signs each locale’s retirement with the sealed key; the pinned agent drops the entry; without a key nothing is retired', async () => {
    await w.publishSigned([record('kb/returns', 'en'), record('kb/returns', 'fr'), record('kb/stays', 'en')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/returns/en': 1, 'kb/returns/fr': 1, 'kb/stays/en': 1 });

    // A lead whose app holds no key: the organisation signs, so nothing is retired.
    const keyless = await library(await w.t.server.tokens.create('eve', 'lead'));
    expect(await keyless.lib('retire', { id: 'kb/returns', locales: ['en'] })).toEqual({ ok: false, error: { code: 'refused', message: NO_KEY_TO_RETIRE } });
    expect((await w.t.server.repo.liveEntries()).map((e) => `${e.id}/${e.locale}`)).toEqual(['kb/returns/en', 'kb/stays/en', 'kb/returns/fr']);

    const dee = await leadWithKey('dee');
    const one = await dee.ok('retire', { id: 'kb/returns', locales: ['en'] });
    expect(one.outcomes).toEqual([{ locale: 'en', ok: true, version: 1, signed: true }]);
    // A retired locale leaves the Library's list; the other stays beside it.
    expect(one.entry.record).toBeNull();
    expect(one.entry.variants.map((v) => [v.locale, v.state])).toEqual([['fr', 'approved']]);
    // All locales: en is retired already (the server refuses it), fr goes; one refusal does not stop the other.
    const all = await dee.ok('retire', { id: 'kb/returns', locales: ['en', 'fr'] });
    expect(all.outcomes).toEqual([
      { locale: 'en', ok: false, message: 'request failed with 404: no entry "kb/returns" in locale "en" [not_found]' },
      { locale: 'fr', ok: true, version: 1, signed: true },
    ]);
    expect(await dee.lib('retire', { id: 'kb/none', locales: ['en'] })).toEqual({
      ok: false,
      error: { code: 'refused', message: 'Nothing was retired: request failed with 404: no entry "kb/none" in locale "en" [not_found]' },
    });

    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/stays/en': 1 });
    expect(await skippedReasons(w.agentDir)).toEqual({});
  });

  it('lists retirements made without a signature and signs them; the pinned agent that kept the entry drops it', async () => {
    await w.publishSigned([record('kb/old', 'en'), record('kb/stays', 'en')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    const unsigned = await cli(retire, ['kb/old', '--locale', 'en', ...w.lead(w.tokens.bo)]);
    expect(unsigned.code, unsigned.err.join('\n')).toBe(0);
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/old/en': 1, 'kb/stays/en': 1 });

    const dee = await leadWithKey('dee');
    const listed = await dee.ok('unsignedRetirements');
    expect(listed).toEqual({ items: [{ id: 'kb/old', locale: 'en', title: 'kb/old in en', version: 1, retiredAt: expect.any(String), retiredBy: 'bo' }], more: false });
    const signed = await dee.ok('signRetirements', { items: [{ id: 'kb/old', locale: 'en', version: 1 }, { id: 'kb/stays', locale: 'en', version: 1 }] });
    expect(signed).toEqual({
      outcomes: [
        { id: 'kb/old', locale: 'en', ok: true },
        { id: 'kb/stays', locale: 'en', ok: false, message: 'request failed with 404: "kb/stays" (en) is not retired [not_found]' },
      ],
      remaining: { items: [], more: false },
    });
    expect((await w.sync()).code).toBe(0);
    expect(await storedVersions(w.agentDir)).toEqual({ 'kb/stays/en': 1 });
  });

  it('refuses hostile requests at the channel, other pages and agents', async () => {
    const lead = await library(w.t.tokens.lead);
    const bad: unknown[] = [
      null,
      { id: 'kb/a' },
      { id: 42, locales: ['en'] },
      { id: 'kb/a', locales: 'en' },
      { id: 'kb/a', locales: [] },
      { id: 'kb/a', locales: Array.from({ length: 101 }, (_, i) => `x${i}`) },
      { id: 'kb/a\ud800', locales: ['en'] },
      { id: 'kb/a', locales: ['en\u0000'] },
      { id: 'x'.repeat(1_000_000), locales: ['en'] },
      { id: 'kb/a', locales: ['en'], extra: true },
    ];
    for (const payload of bad) expect(await lead.lib('retire', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await lead.lib('signRetirements', { items: [] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await lead.lib('signRetirements', { items: [{ id: 'kb/a', locale: 'en', version: 0 }] })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await lead.lib('signRetirements', { items: Array.from({ length: 501 }, () => ({ id: 'kb/a', locale: 'en', version: 1 })) })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await lead.lib('retire', { id: 'kb/a', locales: ['en'] }, APP_ENTRY_URL)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    const agent = await library(w.t.tokens.agent);
    expect(await agent.lib('unsignedRetirements')).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
  });
});
