/**
 * The bearer-token cache (server/db/tokens.ts): a busy token never waits for the database when
 * its entry runs out (it is read again in the background from AUTH_REFRESH_AFTER_MS on), callers
 * asking at the same moment share one read, and a revoke is never undone by a read under way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerDb } from '../../../server/db/server-db';
import { AUTH_CACHE_MS, AUTH_REFRESH_AFTER_MS, TokenStore } from '../../../server/db/tokens';

describe('the bearer-token cache', () => {
  let dir: string;
  let db: ServerDb;
  let reads: number;
  let clock: number;
  let tokens: TokenStore;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-token-cache-'));
    db = await ServerDb.open({ dataDir: dir });
    const read = db.read.bind(db);
    reads = 0;
    db.read = (work) => {
      reads++;
      return read(work);
    };
    clock = Date.parse('2026-03-01T10:00:00Z');
    tokens = new TokenStore(db, () => new Date(clock));
  });
  afterEach(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers from the cache while fresh, refreshes in the background past half its life, and never makes a caller wait', async () => {
    const token = await tokens.create('bot-1', 'bot');
    const bot = { name: 'bot-1', role: 'bot', tags: ['public'] };
    expect(await tokens.authenticate(token)).toEqual(bot);
    expect(reads).toBe(1);
    clock += AUTH_REFRESH_AFTER_MS - 1;
    expect(await tokens.authenticate(token)).toEqual(bot);
    expect(reads).toBe(1);
    // Past half its life: answered from the cache at once, one read starts behind it.
    clock += 1;
    expect(await tokens.authenticate(token)).toEqual(bot);
    expect(reads).toBe(2);
    // The background read re-dated the entry: past the old expiry, a caller is answered even
    // while the database does not answer at all (the next background read just hangs).
    await db.read(async () => undefined); // queued behind the refresh: it has landed
    db.read = () => new Promise(() => undefined);
    clock += AUTH_CACHE_MS - AUTH_REFRESH_AFTER_MS + 1;
    expect(await tokens.authenticate(token)).toEqual(bot);
  });

  it('shares one read among callers that find the entry expired at the same moment', async () => {
    const token = await tokens.create('bot-1', 'bot');
    const all = await Promise.all(Array.from({ length: 50 }, () => tokens.authenticate(token)));
    expect(all.every((caller) => caller?.name === 'bot-1')).toBe(true);
    expect(reads).toBe(1);
    clock += AUTH_CACHE_MS;
    await Promise.all(Array.from({ length: 50 }, () => tokens.authenticate(token)));
    expect(reads).toBe(2);
  });

  it('refreshes the tokens that fall due together with one read, not one read per token', async () => {
    const made = await Promise.all(Array.from({ length: 50 }, (_, i) => tokens.create(`bot-${i}`, 'bot')));
    for (const token of made) await tokens.authenticate(token);
    expect(reads).toBe(50);
    clock += AUTH_REFRESH_AFTER_MS;
    const answered = await Promise.all(made.map((token) => tokens.authenticate(token)));
    expect(answered.map((caller) => caller?.name)).toEqual(made.map((_, i) => `bot-${i}`));
    // Asked again while their read is under way: not read a second time.
    await Promise.all(made.map((token) => tokens.authenticate(token)));
    await db.read(async () => undefined); // queued behind the refresh: it has landed
    await new Promise((resolve) => setImmediate(resolve));
    expect(reads).toBe(52);
    // Every entry was re-dated by that one read: past the old expiry, nobody waits for the database.
    db.read = () => new Promise(() => undefined);
    clock += AUTH_CACHE_MS - AUTH_REFRESH_AFTER_MS + 1;
    const later = await Promise.all(made.map((token) => tokens.authenticate(token)));
    expect(later.map((caller) => caller?.name)).toEqual(made.map((_, i) => `bot-${i}`));
  });

  it('a background refresh drops a token deleted meanwhile by another process', async () => {
    const token = await tokens.create('bot-1', 'bot');
    expect(await tokens.authenticate(token)).not.toBeNull();
    // Another process (`token revoke`) deletes the row: this store's cache does not know.
    await db.transaction((m) => m.getRepository(db.entities.Token).delete({ name: 'bot-1' }));
    clock += AUTH_REFRESH_AFTER_MS;
    expect(await tokens.authenticate(token)).not.toBeNull(); // still within its life
    await db.read(async () => undefined);
    expect(await tokens.authenticate(token)).toBeNull();
  });

  it('a revoke wins over a read under way, and a revoked token is refused from then on', async () => {
    const token = await tokens.create('bot-1', 'bot');
    expect(await tokens.authenticate(token)).not.toBeNull();
    clock += AUTH_REFRESH_AFTER_MS;
    // The background read is queued before the revoke's delete, so it still finds the token...
    await tokens.authenticate(token);
    expect(await tokens.revoke('bot-1')).toBe(true);
    // ...but it must not put it back in the cache.
    expect(await tokens.authenticate(token)).toBeNull();
    clock += 1;
    expect(await tokens.authenticate(token)).toBeNull();
  });

  it('refuses an unknown token every time, caching nothing for it', async () => {
    expect(await tokens.authenticate('cct_unknown')).toBeNull();
    expect(await tokens.authenticate('cct_unknown')).toBeNull();
    expect(reads).toBe(2);
  });
});
