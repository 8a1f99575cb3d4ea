/**
 * The three engines compared by the eval and the benchmark, behind one shape: build over the
 * same entries, answer a query for a locale with ids (one per entry, the agent's locale
 * preferred, then `en`).
 * - Cuecard: the app's own index.
 * - SQLite FTS5: unicode61 with diacritics removed, bm25 with the title weighted 10×, every
 *   word as a prefix, all words required (implicit AND), any word (OR) to fill up.
 * - MiniSearch: prefix, fuzzy 0.2, title boost 2 — its documented relevance settings.
 */
import fs from 'node:fs';
import { importedEntry, readImportRecords } from '../../common/import-records';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import sqlite3 from 'sqlite3';
import type { KnowledgeEntry } from '../../common/knowledge';
import { localeChain } from '../../common/locale';
import { CuecardIndex } from '../../common/search/cuecard-index';

export interface Engine {
  name: string;
  search(q: string, locale: string, limit: number): Promise<string[]> | string[];
  close(): Promise<void>;
}

export function readCorpus(file: string): KnowledgeEntry[] {
  if (!fs.existsSync(file)) {
    throw new Error(
      `corpus not found: ${file}\nThe shared corpus lives outside the repo (../shared/corpus/gnome-help.ndjson); ` +
        `pass another file with --corpus <file.ndjson>.`,
    );
  }
  const now = new Date().toISOString();
  const { records, problems } = readImportRecords(fs.readFileSync(file, 'utf8'));
  if (problems.length > 0) throw new Error(`${file}: ${problems.length} bad lines, first ${problems[0]}`);
  // The gnome-help corpus is all articles; an explicit kind on a line still wins.
  return records.map(({ record }) => importedEntry(record, { kind: record.kind, version: 1, now, approvedBy: 'import' }));
}

export function cuecardEngine(entries: readonly KnowledgeEntry[], prebuilt?: CuecardIndex): Engine & { index: CuecardIndex } {
  const index = prebuilt ?? new CuecardIndex();
  if (!prebuilt) index.build(entries);
  return {
    name: 'cuecard',
    index,
    search: (q, locale, limit) => index.search({ query: q, locale, fallbackLocales: ['en'], limit }).map((h) => h.id),
    close: async () => undefined,
  };
}

export function miniSearchEngine(entries: readonly KnowledgeEntry[]): Engine {
  const ms = new MiniSearch<{ key: number; id: string; locale: string; title: string; body: string }>({
    idField: 'key',
    fields: ['title', 'body'],
    storeFields: ['id', 'locale'],
  });
  ms.addAll(entries.map((e, key) => ({ key, id: e.id, locale: e.locale, title: e.title, body: e.body })));
  return {
    name: 'minisearch',
    search(q, locale, limit) {
      const chain = localeChain(locale, ['en']);
      const hits = ms.search(q, {
        prefix: true,
        fuzzy: 0.2,
        boost: { title: 2 },
        filter: (r) => chain.includes(r.locale as string),
      });
      return preferChain(hits.map((h) => ({ id: h.id as string, locale: h.locale as string })), chain, limit);
    },
    close: async () => undefined,
  };
}

export async function fts5Engine(entries: readonly KnowledgeEntry[]): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-fts5-'));
  const db = new sqlite3.Database(path.join(dir, 'fts.db'));
  const run = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
  const all = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T[]>((resolve, reject) => db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))));
  await run(`PRAGMA journal_mode = OFF`);
  await run(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, locale UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')`);
  await run('BEGIN');
  for (const e of entries) await run('INSERT INTO docs (id, locale, title, body) VALUES (?, ?, ?, ?)', [e.id, e.locale, e.title, e.body]);
  await run('COMMIT');
  const query = async (match: string, chain: string[], limit: number) =>
    all<{ id: string; locale: string }>(
      `SELECT id, locale FROM docs WHERE docs MATCH ? AND locale IN (${chain.map(() => '?').join(',')})
       ORDER BY bm25(docs, 0, 0, 10.0, 1.0) LIMIT ?`,
      [match, ...chain, limit * chain.length + 10],
    );
  return {
    name: 'fts5',
    async search(q, locale, limit) {
      const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) return [];
      const chain = localeChain(locale, ['en']);
      const terms = words.map((w) => `"${w.replace(/"/g, '""')}"*`);
      const rows = await query(terms.join(' '), chain, limit);
      if (rows.length < limit && terms.length > 1) rows.push(...(await query(terms.join(' OR '), chain, limit)));
      return preferChain(rows, chain, limit);
    },
    async close() {
      await new Promise<void>((resolve) => db.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One id per entry, in rank order within locale tiers (agent's locale first), like Cuecard. */
function preferChain(rows: Array<{ id: string; locale: string }>, chain: string[], limit: number): string[] {
  const best = new Map<string, { tier: number; rank: number }>();
  rows.forEach((r, rank) => {
    const tier = chain.indexOf(r.locale);
    const prior = best.get(r.id);
    if (!prior || tier < prior.tier) best.set(r.id, { tier, rank: prior ? Math.min(prior.rank, rank) : rank });
  });
  return [...best.entries()]
    .sort((a, b) => a[1].tier - b[1].tier || a[1].rank - b[1].rank)
    .slice(0, limit)
    .map(([id]) => id);
}
