/**
 * The database `bench:answers` asks: N live entries tagged `public` (the corpus cycled, ids made
 * unique per round) and one bot token per client. Seeding 100,000 entries takes minutes, so with
 * `--data-dir` it is kept and reused while it was seeded with the same figures (a marker file
 * says which; it holds the bench's bot tokens, for a throw-away bench database only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PublishEntry } from '../../common/sync-protocol';
import { KnowledgeRepo } from '../../server/db/knowledge-repo';
import { TokenStore } from '../../server/db/tokens';
import { openServerDb } from '../../server/server';

const PUBLISH_BATCH = 1000;
const MARKER = 'answers-bench-seed.json';
const log = (line: string) => process.stderr.write(`${line}\n`);

export interface BenchRecord {
  id: string;
  locale: string;
  title: string;
  body: string;
}

export interface SeededDb {
  dataDir: string;
  tokens: string[];
  /** Removes the database unless it is to be kept. */
  dispose(): void;
}

interface Marker {
  entries: number;
  clients: number;
  corpus: string;
  tokens: string[];
}

export function readCorpus(file: string): BenchRecord[] {
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BenchRecord);
  log(`corpus ${file} is missing: using synthetic entries`);
  const words = 'printer network wifi password account email backup display sound keyboard mouse battery update'.split(' ');
  return Array.from({ length: 5000 }, (_, i) => ({
    id: `synthetic/${i}`,
    locale: 'en',
    title: `${words[i % words.length]} ${words[(i * 7) % words.length]} help ${i}`,
    body: Array.from({ length: 200 }, (_, j) => words[(i + j * 3) % words.length]).join(' '),
  }));
}

/** A seeded database: `keepDir`'s when it was seeded with these figures, else a new one. */
export async function seededDb(options: { entries: number; clients: number; corpus: string; records: BenchRecord[]; keepDir: string | null }): Promise<SeededDb> {
  const { entries, clients, corpus, records, keepDir } = options;
  const dataDir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-answers-'));
  const dispose = () => {
    if (!keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const markerFile = path.join(dataDir, MARKER);
  if (keepDir && fs.existsSync(markerFile)) {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8')) as Marker;
    if (marker.entries === entries && marker.clients === clients && marker.corpus === corpus) {
      log(`reusing the database in ${dataDir} (${entries} entries, ${clients} bot tokens)`);
      return { dataDir, tokens: marker.tokens, dispose };
    }
    throw new Error(`${dataDir} was seeded with other figures (${marker.entries} entries, ${marker.clients} clients, ${marker.corpus}): use another --data-dir`);
  }
  if (keepDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    if (fs.readdirSync(dataDir).length > 0) throw new Error(`--data-dir ${dataDir} is neither empty nor a bench:answers database`);
  }
  const started = performance.now();
  const tokens = await seed(dataDir, entries, clients, records);
  log(`seeded ${entries} entries and ${clients} bot tokens in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (keepDir) fs.writeFileSync(markerFile, JSON.stringify({ entries, clients, corpus, tokens } satisfies Marker));
  return { dataDir, tokens, dispose };
}

/** Writes the entries and the bot tokens straight into a fresh server database. */
async function seed(dataDir: string, entries: number, clients: number, records: BenchRecord[]): Promise<string[]> {
  const db = await openServerDb({ dataDir });
  try {
    const repo = new KnowledgeRepo(db);
    for (let start = 0; start < entries; start += PUBLISH_BATCH) {
      const batch: PublishEntry[] = [];
      for (let i = start; i < Math.min(entries, start + PUBLISH_BATCH); i++) {
        const r = records[i % records.length] as BenchRecord;
        const round = Math.floor(i / records.length);
        batch.push({ id: round === 0 ? r.id : `${r.id}~${round}`, locale: r.locale, kind: 'article', title: r.title, body: r.body, tags: ['public'], urlOrPath: null });
      }
      await repo.publish(batch, { name: 'bench-admin' });
    }
    const tokens = new TokenStore(db);
    return await Promise.all(Array.from({ length: clients }, (_, i) => tokens.create(`bench-bot-${i}`, 'bot')));
  } finally {
    await db.close();
  }
}
