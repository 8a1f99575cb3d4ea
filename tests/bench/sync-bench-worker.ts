/**
 * A worker process of `bench:sync`: runs several live clients and records, for every probe
 * change and client, when its event arrived (by seq), when its commit was announced (before the
 * index hears it) and when it was searchable, plus each sync step's time (phases.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { openSyncClient, type SyncClient as BenchClient } from '../helpers/sync-client';
import { addSample, type PhaseSamples } from './phases';

interface Init {
  type: 'init';
  url: string;
  token: string;
  count: number;
  firstIndex: number;
  /** False: the clients ignore the changes events carry and pull each poke (the old path). */
  inline: boolean;
  /** The org root key the clients pin (signed knowledge on, issue #15). */
  rootKey: string;
}

/** What a worker sends back: rows per (client, probe) and per (client, event), epoch ms. */
export interface WorkerResults {
  /** [probe n, client, committed at, searchable at] */
  samples: Array<[number, number, number, number]>;
  /** [seq, client, arrived at] */
  events: Array<[number, number, number]>;
  phases: PhaseSamples;
  cpuSeconds: number;
}

const clients: BenchClient[] = [];
// Exit (rather than die) on the bench's SIGTERM, so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
const samples: WorkerResults['samples'] = [];
const events: WorkerResults['events'] = [];
const phases: PhaseSamples = {};
let live = false;
/** CPU used from going live to the last change (user + system, this process's threads). */
let liveCpuStart = process.cpuUsage();

const probeNumber = (id: string) => (id.startsWith('probe-') ? Number(id.slice('probe-'.length)) : NaN);

async function openClient(msg: Init, index: number): Promise<BenchClient> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cuecard-bench-live-${index}-`));
  const committed = new Map<number, number>();
  const client = await openSyncClient(
    dir,
    msg.url,
    msg.token,
    {
      pollIntervalMs: 600_000,
      inlineChanges: msg.inline,
      orgRootKey: msg.rootKey,
      trace: {
        phase: (name, ms) => {
          if (live) addSample(phases, name, ms);
        },
        event: (seq) => {
          if (live) events.push([seq, index, Date.now()]);
        },
      },
    },
    // Hears each commit before the search index does: commit time, then (below) searchable time.
    (store) =>
      store.onChange((changes) => {
        for (const change of changes) if (change.type === 'upsert') committed.set(probeNumber(change.entry.id), Date.now());
      }),
  );
  // Registered after SearchService's listener, so the index already has the change.
  client.store.onChange((changes) => {
    for (const change of changes) {
      if (change.type !== 'upsert') continue;
      const n = probeNumber(change.entry.id);
      if (Number.isNaN(n)) continue;
      // Trailing space: the probe word is complete (no completions of it), as an agent would have typed it.
      const hits = client.search.search({ query: `probeword${n} `, locale: 'en', limit: 3 });
      const at = Date.now();
      if (hits.some((h) => h.id === change.entry.id)) samples.push([n, index, committed.get(n) ?? at, at]);
      else process.stderr.write(`probe-${n} not searchable right after commit\n`);
    }
  });
  return client;
}

process.on('message', (msg: Init | { type: 'finish'; finalSeq: number }) => {
  if (msg.type === 'init') {
    void (async () => {
      for (let i = 0; i < msg.count; i += 1) {
        const client = await openClient(msg, msg.firstIndex + i);
        clients.push(client);
        await client.engine.syncNow();
        await client.search.ready;
        await client.engine.start();
      }
      const deadline = Date.now() + 60_000;
      while (!clients.every((c) => c.engine.status().state === 'online')) {
        if (Date.now() > deadline) throw new Error('clients did not come online');
        await new Promise((r) => setTimeout(r, 50));
      }
      await startProfile();
      live = true;
      liveCpuStart = process.cpuUsage();
      process.send?.({ type: 'ready' });
    })();
  } else {
    void (async () => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && !clients.every((c) => c.engine.status().cursor >= msg.finalSeq)) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const cpu = process.cpuUsage(liveCpuStart);
      await stopProfile();
      const results: WorkerResults = { samples, events, phases, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
      process.send?.({ type: 'results', ...results });
      for (const c of clients) await c.close();
      process.exit(0);
    })();
  }
});

const profileDir = process.env.BENCH_CPU_PROF_DIR;
const session = profileDir ? new Session() : null;

/** Profiles the live phase only (setup, the clients' first sync, would drown it). */
async function startProfile(): Promise<void> {
  if (!session) return;
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!session || !profileDir) return;
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(path.join(profileDir, `worker-${process.pid}.cpuprofile`), JSON.stringify(profile));
  session.disconnect();
}
