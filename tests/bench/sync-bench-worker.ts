/**
 * A worker process of `bench:sync`: runs several live clients and records, for every probe
 * change, when it became searchable in each client (`[change number, epoch ms]`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { openSyncClient, type SyncClient as BenchClient } from '../helpers/sync-client';

interface Init {
  type: 'init';
  url: string;
  token: string;
  /** The org root key the clients pin (signed knowledge on). */
  rootKey: string;
  count: number;
  firstIndex: number;
}

const clients: BenchClient[] = [];
// Exit (rather than die) on the bench's SIGTERM, so `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
const samples: Array<[number, number]> = [];
/** CPU used from going live to the last change (user + system, this process's threads). */
let liveCpuStart = process.cpuUsage();

function watchProbes(client: BenchClient): void {
  // Registered after SearchService's listener, so the index already has the change.
  client.store.onChange((changes) => {
    for (const change of changes) {
      if (change.type !== 'upsert' || !change.entry.id.startsWith('probe-')) continue;
      const n = Number(change.entry.id.slice('probe-'.length));
      // Trailing space: the probe word is complete (no completions of it), as an agent would have typed it.
      const hits = client.search.search({ query: `probeword${n} `, locale: 'en', limit: 3 });
      if (hits.some((h) => h.id === change.entry.id)) samples.push([n, Date.now()]);
      else process.stderr.write(`probe-${n} not searchable right after commit\n`);
    }
  });
}

process.on('message', (msg: Init | { type: 'finish'; finalSeq: number }) => {
  if (msg.type === 'init') {
    void (async () => {
      for (let i = 0; i < msg.count; i += 1) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cuecard-bench-live-${msg.firstIndex + i}-`));
        const client = await openSyncClient(dir, msg.url, msg.token, { pollIntervalMs: 600_000, orgRootKey: msg.rootKey });
        clients.push(client);
        await client.engine.syncNow();
        await client.search.ready;
        watchProbes(client);
        await client.engine.start();
      }
      const deadline = Date.now() + 60_000;
      while (!clients.every((c) => c.engine.status().state === 'online')) {
        if (Date.now() > deadline) throw new Error('clients did not come online');
        await new Promise((r) => setTimeout(r, 50));
      }
      await startProfile();
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
      process.send?.({ type: 'results', samples, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
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
