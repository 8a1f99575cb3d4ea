/**
 * Property: whatever one mutated page a server sends, the client never commits part of a page
 * (no entry past its committed cursor), keeps what it had, and finishes the log once the server
 * answers properly again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import { openDatabase } from '../../../main/store/database';
import { MetaEntity } from '../../../main/store/entities';
import { KeyValueStore } from '../../../main/store/key-value-store';
import { KnowledgeStore } from '../../../main/store/knowledge-store';
import { SyncEngine } from '../../../main/sync/sync-engine';

const LOG_LENGTH = 12;
const entry = (seq: number): KnowledgeEntry => ({
  id: `e${seq}`,
  locale: 'en',
  kind: 'article',
  title: `Title ${seq}`,
  body: `Body ${seq}`,
  tags: [],
  urlOrPath: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  approvedBy: null,
  approvedAt: null,
  reviewState: 'approved',
});

function page(after: number, limit: number) {
  const items = [];
  for (let seq = after + 1; seq <= Math.min(LOG_LENGTH, after + limit); seq++) {
    items.push({ seq, op: 'upsert', id: `e${seq}`, locale: 'en', entry: entry(seq) });
  }
  const nextCursor = items.length > 0 ? after + items.length : after;
  return { epoch: 'E', after, latestSeq: LOG_LENGTH, items, nextCursor, hasMore: nextCursor < LOG_LENGTH };
}

type Mutation = { kind: 'replace'; path: string[]; value: unknown } | { kind: 'truncate'; at: number } | { kind: 'drop'; index: number };

function mutate(text: string, mutation: Mutation): string {
  if (mutation.kind === 'truncate') return text.slice(0, mutation.at % (text.length + 1));
  const json = JSON.parse(text) as Record<string, unknown> & { items: unknown[] };
  if (mutation.kind === 'drop') {
    json.items.splice(mutation.index % Math.max(1, json.items.length), 1);
    return JSON.stringify(json);
  }
  let node: Record<string, unknown> = json;
  for (const key of mutation.path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) break;
    node = next as Record<string, unknown>;
  }
  node[mutation.path[mutation.path.length - 1]!] = mutation.value;
  return JSON.stringify(json);
}

const field = fc.constantFrom('epoch', 'after', 'latestSeq', 'items', 'nextCursor', 'hasMore');
const itemField = fc.constantFrom('seq', 'op', 'id', 'locale', 'entry');
const entryField = fc.constantFrom('id', 'locale', 'title', 'body', 'tags', 'version', 'updatedAt');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), path: field.map((f) => [f]), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    kind: fc.constant('replace' as const),
    path: fc.tuple(fc.nat(3), itemField).map(([i, f]) => ['items', String(i), f]),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 8 })),
  }),
  fc.record({
    kind: fc.constant('replace' as const),
    path: fc.tuple(fc.nat(3), entryField).map(([i, f]) => ['items', String(i), 'entry', f]),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 8 })),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
);

describe('sync pages, mutated', () => {
  it('never commits part of a page and always finishes the log once the server is fixed', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.integer({ min: 1, max: 3 }), async (change, badRequest) => {
        const { db } = await openDatabase({ file: ':memory:' });
        try {
          const store = new KnowledgeStore(db);
          const meta = new KeyValueStore(db, MetaEntity);
          let requests = 0;
          let broken = true;
          const fakeFetch = (async (input: string | URL) => {
            const url = new URL(String(input));
            requests += 1;
            const text = JSON.stringify(page(Number(url.searchParams.get('after')), Number(url.searchParams.get('limit'))));
            const body = broken && requests === badRequest ? mutate(text, change) : text;
            return new Response(body, { headers: { 'content-type': 'application/json' } });
          }) as typeof fetch;
          const engine = new SyncEngine({ store, meta, fetch: fakeFetch, now: () => new Date(), config: () => ({ serverUrl: 'http://127.0.0.1:1', token: 't' }), pageSize: 4, log: () => undefined });
          await engine.syncNow();
          const cursor = Number((await meta.get('sync.cursor')) ?? 0);
          for (const stored of await store.all()) expect(Number(stored.id.slice(1))).toBeLessThanOrEqual(cursor);

          broken = false;
          expect(await engine.syncNow()).toMatchObject({ ok: true, cursor: LOG_LENGTH });
          const ids = new Set((await store.all()).map((e) => e.id));
          for (let seq = cursor + 1; seq <= LOG_LENGTH; seq++) expect(ids.has(`e${seq}`)).toBe(true);
        } finally {
          await db.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
