/**
 * Hostile key lists beyond a bad signature or a lower version (issue #15's "huge key list"; the
 * house rule on hostile input): a list under the byte cap but naming more keys than a client holds,
 * wrong types, deep nesting, and an answer that never ends. Each is refused with its reason
 * within the byte bound, the held list stays, the good entry keeps its approver, the sync goes on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as show from '../../../main/cli/commands/show';
import { MAX_LISTED_KEYS } from '../../../common/signing/key-list';
import { generateKeyPair } from '../../../main/signing/ed25519';
import { readKeyFile } from '../../../main/signing/key-file';
import { signKeyList } from '../../../main/signing/key-list-builder';
import { cli } from '../workflow/cli-helpers';
import { signingWorld, type SigningWorld } from './signing-fixture';
import { startTamperProxy, type TamperProxy } from './tamper-proxy';

const entry = (id: string) => ({ id, locale: 'en', title: `Title of ${id}`, body: `Approved text of ${id}.`, tags: ['returns'] });

describe('hostile org key lists', () => {
  let w: SigningWorld;
  let proxy: TamperProxy;
  beforeEach(async () => {
    w = await signingWorld();
    await w.publishSigned([entry('kb/good')], 'ana', ['bo']);
    expect((await w.sync()).code).toBe(0);
    proxy = await startTamperProxy(w.t.url);
  });
  afterEach(async () => {
    await proxy.close();
    await w.close();
  });

  const approvers = async () => {
    const shown = await cli(show, ['kb/good', '--locale', 'en', '--data-dir', w.agentDir, '--json']);
    return shown.code === 0 ? (JSON.parse(shown.out[0] as string) as { approvers: string[] }).approvers : shown.err;
  };
  /** A sync through the proxy: its exit code and what it said on stderr (the refusal). */
  const syncThroughProxy = async () => {
    const synced = await w.sync([], proxy.url);
    return { code: synced.code, err: synced.err };
  };

  it('a root-signed list naming more keys than a client holds (under the byte cap) is refused; the held list stays', async () => {
    const root = await readKeyFile(w.root.file, 'root');
    const keys = Array.from({ length: MAX_LISTED_KEYS + 1 }, (_, i) => ({
      name: `lead-${String(i).padStart(4, '0')}`,
      publicKey: generateKeyPair().publicKey,
      validFrom: '2026-01-01T00:00:00.000Z',
      revokedAt: null,
    }));
    // Signed by the real root: only the count is wrong (signKeyList does not check the schema).
    const list = { type: 'cuecard-key-list' as const, version: 50, issuedAt: '2026-11-29T00:00:00.000Z', keys, sensitiveTags: [] };
    const answer = JSON.stringify({ keyList: signKeyList(list, root.privateKey) });
    expect(Buffer.byteLength(answer)).toBeLessThan(512 * 1024);
    proxy.rewrite = (url) => (url.startsWith('/v1/key-list') ? answer : undefined);
    expect(await syncThroughProxy()).toEqual({ code: 0, err: ['malformed key list: list.keys Too big: expected array to have <=1000 items'] });
    expect(await approvers()).toEqual(['bo']);
  });

  it('wrong types and deep nesting are refused as malformed', async () => {
    const deep = `{"keyList":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const attacks: Array<[string, string]> = [
      [JSON.stringify({ keyList: { list: 'everyone', signature: 42 } }), 'malformed key list: list Invalid input: expected object, received string'],
      [JSON.stringify({ keyList: [] }), 'malformed key list:  Invalid input: expected object, received array'],
      [deep, 'malformed key list:  Invalid input: expected object, received array'],
    ];
    for (const [answer, reason] of attacks) {
      proxy.rewrite = (url) => (url.startsWith('/v1/key-list') ? answer : undefined);
      expect(await syncThroughProxy()).toEqual({ code: 0, err: [reason] });
      expect(await approvers()).toEqual(['bo']);
    }
  });

  it('an answer that never ends is cut at the byte cap; the sync goes on with the held list', async () => {
    let written = 0;
    proxy.respond = (url, res) => {
      if (!url.startsWith('/v1/key-list')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keyList":{"padding":"');
      const chunk = 'x'.repeat(64 * 1024);
      // Writes for as long as the client reads (it stops at its cap and closes the connection).
      const more = () => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', more);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      more();
      return true;
    };
    expect(await syncThroughProxy()).toEqual({ code: 0, err: [`key list refused: the answer from ${proxy.url}/v1/key-list is larger than 512 KB; stopped reading it`] });
    expect(await approvers()).toEqual(['bo']);
    // Bounded: the proxy got no further than the cap and what the sockets buffer.
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });
});
