/**
 * Retirements made without a signature (issue #15 leftovers): an agent pinning the org root key
 * keeps such an entry, also through a sync from scratch. `retire --unsigned` lists them for leads;
 * `--sign --key` signs each (the same payload as `retire --key`), and then the agent that kept it
 * drops it at its next sync and a new agent syncing from scratch never stores it (and names no
 * refused retirement). Real server on 127.0.0.1 (SQLite: unsigned-retirements.test.ts; PostgreSQL:
 * ../server/unsigned-retirements-postgres.pg-test.ts), the real sync command on real SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as retire from '../../../main/cli/commands/retire';
import * as sync from '../../../main/cli/commands/sync';
import { generateKeyPair, privateKeyObject, signText } from '../../../main/signing/ed25519';
import { readKeyFile } from '../../../main/signing/key-file';
import { retirementPayload } from '../../../common/signing/retirement';
import { api, publishLive, type ServerFactory } from '../server/test-server';
import { cli, tempDir } from '../workflow/cli-helpers';
import { skippedReasons, storedVersions } from './agent-db';
import { signingWorld, type SigningWorld } from './signing-fixture';

const entry = (id: string) => ({ id, locale: 'en', title: `Title of ${id}`, body: `Approved text of ${id}.`, tags: ['returns'] });

export function defineUnsignedRetirementSuite(label: string, factory: ServerFactory): void {
  describe(`retirements made without a signature on ${label}`, () => {
    let w: SigningWorld;
    beforeEach(async () => {
      w = await signingWorld(factory);
    });
    afterEach(async () => {
      await w.close();
    });

    const retireCli = (args: string[], who: 'ana' | 'bo' | 'cy' = 'cy') => cli(retire, [...args, ...w.lead(w.tokens[who])]);
    /** A new agent's sync from scratch; one change a page, as in a store large enough that an entry and its retirement come on different pages. */
    const freshSync = async (root: boolean, pageSize = '1') => {
      const dir = tempDir('cuecard-fresh-agent-');
      const rootArgs = root ? ['--org-root-key', w.root.publicKey] : [];
      const synced = await cli(sync, ['--server', w.t.url, '--token', w.t.tokens.agent, '--data-dir', dir, '--page-size', pageSize, ...rootArgs]);
      expect(synced.code, synced.err.join('\n')).toBe(0);
      return dir;
    };

    it('are listed for leads, signed with --sign --key, and then dropped by the agent that kept them and by a fresh one', async () => {
      await w.publishSigned([entry('kb/old-away'), entry('kb/signed-away'), entry('kb/stays')], 'ana', ['bo']);
      // Approved in bulk by an admin, unsigned: agents pinning the root never held it.
      expect((await publishLive(w.t, { entries: [{ ...entry('kb/bulk-away'), kind: 'article' }] })).status).toBe(200);
      expect((await w.sync()).code).toBe(0);
      expect(await storedVersions(w.agentDir)).toEqual({ 'kb/old-away/en': 1, 'kb/signed-away/en': 1, 'kb/stays/en': 1 });

      // kb/old-away is retired as before signed retirement existed (no key); kb/signed-away with one.
      expect((await retireCli(['kb/old-away', '--locale', 'en'], 'bo')).code).toBe(0);
      expect((await retireCli(['kb/signed-away', '--locale', 'en', '--key', w.keyFiles.cy])).code).toBe(0);
      expect((await retireCli(['kb/bulk-away', '--locale', 'en'])).code).toBe(0);
      expect((await w.sync()).code).toBe(0);
      // The gap: the pinned agent keeps kb/old-away, and so does one syncing from scratch.
      expect(await storedVersions(w.agentDir)).toEqual({ 'kb/old-away/en': 1, 'kb/stays/en': 1 });
      const before = await freshSync(true);
      expect(await storedVersions(before)).toEqual({ 'kb/old-away/en': 1, 'kb/stays/en': 1 });
      expect(await skippedReasons(before)).toEqual({ 'kb/old-away/en': 'retirement refused: unsigned' });

      const listed = await retireCli(['--unsigned']);
      expect(listed.code, listed.err.join('\n')).toBe(0);
      expect(listed.out).toEqual([expect.stringMatching(/^kb\/old-away \(en\) v1 {2}"Title of kb\/old-away" {2}retired \S+ by bo$/)]);
      expect(listed.err).toEqual(['1 unsigned retirement(s)']);

      const signed = await retireCli(['--unsigned', '--sign', '--key', w.keyFiles.cy]);
      expect(signed.code, signed.err.join('\n')).toBe(0);
      expect(signed.out).toEqual([expect.stringMatching(/^signed the retirement of kb\/old-away \(en\) version 1, seq \d+$/)]);
      expect(signed.err).toEqual(['1 unsigned retirement(s): 1 signed, 0 refused']);
      expect((await retireCli(['--unsigned'])).err).toEqual(['0 unsigned retirement(s)']);
      // The history says who signed it and when.
      const history = await api(w.t.url, w.tokens.cy, 'GET', '/v1/entries/kb%2Fold-away/history?locale=en');
      expect(history.json.items.at(-1)).toMatchObject({ version: 1, state: 'retired', event: 'signed', actor: 'cy', comment: 'retirement of version 1 signed' });

      // The agent that kept it drops it at its next sync; nothing else changes.
      expect((await w.sync()).code).toBe(0);
      expect(await storedVersions(w.agentDir)).toEqual({ 'kb/stays/en': 1 });
      expect(await skippedReasons(w.agentDir)).toEqual({});
      // A new agent syncing from scratch never keeps it, and names no refused retirement.
      const after = await freshSync(true);
      expect(await storedVersions(after)).toEqual({ 'kb/stays/en': 1 });
      expect(await skippedReasons(after)).toEqual({});
      expect(await storedVersions(await freshSync(true, '500'))).toEqual({ 'kb/stays/en': 1 });
      // An agent without a pinned root key is as before.
      expect(await storedVersions(await freshSync(false))).toEqual({ 'kb/stays/en': 1 });
    });

    it('refuses a signature for an entry that is not retired, twice, for another version, by an unregistered key or from an agent; bad input gets 400', async () => {
      await w.publishSigned([entry('kb/away'), entry('kb/live')], 'ana', ['bo']);
      expect((await retireCli(['kb/away', '--locale', 'en'], 'bo')).code).toBe(0);
      const cy = await readKeyFile(w.keyFiles.cy, 'approver');
      const signatureOf = (id: string, version: number, key = cy) => {
        const signer = { retiredAt: new Date().toISOString(), keyId: key.publicKey };
        return { version, ...signer, signature: signText(key.privateKey, retirementPayload({ id, locale: 'en', version }, signer)) };
      };
      /** `id` as it goes in the path (a lone surrogate cannot be percent-encoded: its bytes are given). */
      const post = (id: string, body: unknown, token = w.tokens.cy) =>
        api(w.t.url, token, 'POST', `/v1/entries/${id.includes('%') ? id : encodeURIComponent(id)}/retirement-signature`, body);

      expect((await post('kb/live', { locale: 'en', signature: signatureOf('kb/live', 1) })).json.error).toEqual({ code: 'not_found', message: '"kb/live" (en) is not retired' });
      const wrongVersion = await post('kb/away', { locale: 'en', signature: signatureOf('kb/away', 2) });
      expect([wrongVersion.status, wrongVersion.json.error.code, wrongVersion.json.error.message]).toEqual([409, 'conflict', 'version 1 was retired; the signature names version 2']);
      const pair = generateKeyPair();
      const stranger = { publicKey: pair.publicKey, privateKey: privateKeyObject(pair.privateKeyPkcs8) };
      expect((await post('kb/away', { locale: 'en', signature: signatureOf('kb/away', 1, stranger) })).json.error.code).toBe('key_not_registered');
      expect((await post('kb/away', { locale: 'en', signature: signatureOf('kb/away', 1) }, w.t.tokens.agent)).status).toBe(403);

      // Hostile input: wrong types, a huge body, malformed Unicode, unknown fields.
      const good = signatureOf('kb/away', 1);
      const bad: Array<[string, unknown]> = [
        ['kb/away', { locale: 42, signature: good }],
        ['kb/away', { locale: 'en', signature: { ...good, version: '1' } }],
        ['kb/away', { locale: 'en', signature: { ...good, signature: 'not base64!' } }],
        ['kb/away', { locale: 'en', signature: good, extra: true }],
        ['kb/away', { locale: 'en\ud800', signature: good }],
        ['kb%2Faway%ED%A0%80', { locale: 'en', signature: good }],
        ['kb%2Faway%00', { locale: 'en', signature: good }],
        ['kb/away', { locale: 'en', signature: { ...good, keyId: `ed25519:${'A'.repeat(2_000_000)}` } }],
        ['kb/away', []],
      ];
      for (const [id, body] of bad) {
        const res = await post(id, body);
        expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(res.json).slice(0, 300)).toBeLessThan(500);
      }
      expect((await retireCli(['--unsigned'])).out).toEqual([expect.stringMatching(/^kb\/away \(en\) v1 /)]);

      expect((await post('kb/away', { locale: 'en', signature: good })).status).toBe(200);
      const twice = await post('kb/away', { locale: 'en', signature: signatureOf('kb/away', 1) });
      expect([twice.status, twice.json.error.message]).toEqual([409, 'the retirement of "kb/away" (en) is signed already']);
      // The CLI's own usage rules.
      await expect(retireCli(['--unsigned', '--sign'])).rejects.toThrow('--sign and --key <file> go together: retire --unsigned --server <url> --token <lead> [--sign --key <file>]');
      await expect(retireCli(['kb/away', '--locale', 'en', '--unsigned'])).rejects.toThrow('(no <id> or --locale: it lists them all)');
      await expect(retireCli(['kb/away', '--locale', 'en', '--sign'])).rejects.toThrow('--sign goes with --unsigned');
    });
  });
}
