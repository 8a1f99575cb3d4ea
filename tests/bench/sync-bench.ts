/**
 * `npm run bench:sync [-- --entries 100000 --clients 200 --duration-s 60 --interval-ms 200 --corpus <file>
 *                       --workers <n> --skip-full-sync --skip-live --via publish|review --compare-old
 *                       --server-dir <dir> --skip-cpu-phases --agent-locale <tag>|all]`
 *
 * 1. Full sync: a local server (child process, SQLite) holds N entries; one empty client syncs
 *    them all, end to end including the search index. → full_sync_s, entries_per_s
 *    The client is an agent on `--agent-locale` (default en, fallback en): other locales are
 *    indexed after the sync settles or when searched (`all`: every locale at once, the path
 *    before). full_sync_s ends when the last entry is found in ITS locale (indexing that locale on
 *    demand); all_locales_indexed_s when every locale is indexed; agent_locales says which agent.
 * 2. Propagation (sync-bench-live.ts): a fresh server, C live clients (SSE) spread over worker
 *    processes; a change goes live every interval for the duration (`--via publish`: an admin's
 *    bulk approval; `--via review`: lead B approves lead A's version, timed from the approval);
 *    each client records when the change is searchable. → propagation_p50_ms / p95_ms over every
 *    (client, change), and missed.
 * `--compare-old` runs each part a second time on the path before issue #19 (full sync: pages of
 * 1000 items; live: every poke pulled) and prints the ratios: an A/B within one run, on
 * the same machine load. `--server-dir <dir>` keeps the full sync's published server DB there and
 * reuses it in later runs with the same entries and corpus (publishing 100,000 signed entries
 * takes minutes; the sync is what is measured). The per-phase breakdown of each part goes to stderr. The last stdout
 * line is one JSON object; the goals are checked on stderr and the bench exits 1 when one is missed.
 * The full sync's main-thread CPU per phase (V8 samples, cpu-phases.ts) follows its per-phase wall
 * times on stderr; `--skip-cpu-phases` leaves the profiler off (it costs ~1–2%).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openSyncClient } from '../helpers/sync-client';
import { setUpSigning } from './bench-signing';
import { reportGoals, syncGoals } from './goals';
import { addSample, phaseLines, type PhaseSamples } from './phases';
import { cpuPhaseLines, startPhaseProfiler } from './cpu-phases';
import { loadEntries, publishLive, startServerChild, type ServerChild } from './sync-bench-server';
import { processCpuSeconds, propagation, round2, type LiveOptions } from './sync-bench-live';
import { DEFAULT_PAGE_SIZE, type PublishEntry } from '../../common/sync-protocol';

const root = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '200' },
    'duration-s': { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '200' },
    workers: { type: 'string', default: String(Math.max(2, Math.min(10, os.cpus().length - 4))) },
    corpus: { type: 'string', default: path.resolve(root, '../shared/corpus/gnome-help.ndjson') },
    'skip-full-sync': { type: 'boolean', default: false },
    'skip-live': { type: 'boolean', default: false },
    'server-dir': { type: 'string' },
    via: { type: 'string', default: 'publish' },
    'compare-old': { type: 'boolean', default: false },
    'skip-cpu-phases': { type: 'boolean', default: false },
    'agent-locale': { type: 'string', default: 'en' },
  },
});
const N = Number(values.entries);
const CLIENTS = Number(values.clients);
const via = values.via === 'review' ? 'review' : 'publish';
if (values.via !== via) throw new Error('--via is publish or review');
const log = (line: string) => process.stderr.write(`${line}\n`);
/** The old path's pages: what the app asked for before issue #19 (now MAX_PAGE_SIZE, the engine's default). */
const OLD_PAGE_SIZE = DEFAULT_PAGE_SIZE;
const AGENT_LOCALE = values['agent-locale'];
/** The agent's settings (SearchService's agentLocales); none: every locale indexed at once. */
const agentLocales = AGENT_LOCALE === 'all' ? undefined : () => ({ locale: AGENT_LOCALE, fallbackLocales: ['en'] });

/** What a kept server folder (`--server-dir`) was published with, so a later run can reuse it. */
interface PublishedServer {
  entries: number;
  corpus: string;
  rootKey: string;
  last: { id: string; locale: string; title: string };
}
const PUBLISHED_FILE = 'bench-published.json';

/** A server holding N signed entries: published now, or the kept one of `--server-dir` when it matches. */
async function publishedServer(): Promise<{ server: ServerChild; published: PublishedServer; publish_s: number }> {
  const dir = values['server-dir'];
  const stateFile = dir ? path.join(dir, PUBLISHED_FILE) : null;
  const kept = stateFile && fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, 'utf8')) as PublishedServer) : null;
  if (dir && kept && kept.entries === N && kept.corpus === values.corpus) {
    log(`reusing the server DB in ${dir} (${N} entries published before)`);
    return { server: await startServerChild(dir), published: kept, publish_s: NaN };
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const server = await startServerChild(dir);
  const signer = await setUpSigning(server.url, server.admin); // signatures on: the client verifies every entry
  const entries = loadEntries(N, values.corpus);
  const publishStart = performance.now();
  // Signed batch by batch: signing all 100,000 first kept the connection idle past the server's
  // keep-alive timeout on a loaded machine, and the first publish then failed with EPIPE.
  for (let i = 0; i < entries.length; i += 1000) await publishLive(server, signer.sign(entries.slice(i, i + 1000)));
  const publish_s = (performance.now() - publishStart) / 1000;
  log(`published ${N} entries in ${publish_s.toFixed(1)} s`);
  const last = entries[N - 1] as PublishEntry;
  const published = { entries: N, corpus: values.corpus, rootKey: signer.rootKey, last: { id: last.id, locale: last.locale, title: last.title } };
  if (stateFile) fs.writeFileSync(stateFile, JSON.stringify(published));
  return { server, published, publish_s };
}

async function fullSync(pageSize?: number): Promise<Record<string, number | string>> {
  const { server, published, publish_s } = await publishedServer();
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-bench-client-'));
    const phases: PhaseSamples = {};
    let committedAt = 0;
    // CPU seconds beside the wall time: on a machine shared with other work they say what the sync costs.
    const profiler = values['skip-cpu-phases'] ? null : await startPhaseProfiler();
    const cpuAtStart = { client: process.cpuUsage(), main: processCpuSeconds(process.pid, process.pid), server: processCpuSeconds(server.process.pid) };
    const started = performance.now();
    const client = await openSyncClient(
      dir,
      server.url,
      server.agent,
 {
        ...(pageSize ? { pageSize } : {}),
        orgRootKey: published.rootKey,
        ...(agentLocales ? { search: { agentLocales } } : {}),
        trace: { phase: (name, ms) => addSample(phases, name, ms), event: () => undefined } },
      (store) => store.onChange(() => (committedAt = performance.now())),
    );
    client.store.onChange(() => addSample(phases, 'index update (listener)', performance.now() - committedAt));
    const result = await client.engine.syncNow();
    const synced = performance.now();
    await client.search.ready;
    // In its own locale: an agent on another language has that locale indexed by this search.
    const hits = client.search.search({ query: published.last.title, locale: published.last.locale });
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(cpuAtStart.client);
    const cpu = {
      client_cpu_s: round2((clientCpu.user + clientCpu.system) / 1e6),
      client_main_thread_cpu_s: round2(processCpuSeconds(process.pid, process.pid) - cpuAtStart.main),
      server_cpu_s: round2(processCpuSeconds(server.process.pid) - cpuAtStart.server),
    };
    addSample(phases, 'index ready after the last page', performance.now() - synced);
    await client.search.allLocalesIndexed();
    const allSeconds = (performance.now() - started) / 1000;
    const clientCpuAll = process.cpuUsage(cpuAtStart.client);
    const all = {
      all_locales_indexed_s: round2(allSeconds),
      client_cpu_all_locales_s: round2((clientCpuAll.user + clientCpuAll.system) / 1e6),
      client_main_thread_cpu_all_locales_s: round2(processCpuSeconds(process.pid, process.pid) - cpuAtStart.main),
    };
    const cpuPhases = await profiler?.stop();
    if (!result.ok) throw new Error(`full sync failed: ${result.error}`);
    const count = await client.store.count();
    await client.close();
    if (count !== N) throw new Error(`client has ${count} entries, expected ${N}`);
    if (hits.length === 0) throw new Error('the last synced entry is not searchable');
    const pages = `pages of ${pageSize ?? 'the engine default'}`;
    log(`full sync of ${N} entries in ${pages}: ${seconds.toFixed(2)} s (${Math.round(N / seconds)} entries/s); CPU s: ${JSON.stringify(cpu)}; every locale indexed: ${JSON.stringify(all)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const line of phaseLines(`full sync per phase (${pages})`, phases, ['http', 'parse', 'verify', 'apply', 'index update (listener)'])) log(line);
    if (cpuPhases) for (const line of cpuPhaseLines(`full sync CPU per phase (${pages})`, cpuPhases, cpu.client_main_thread_cpu_s, cpu.client_cpu_s - cpu.client_main_thread_cpu_s)) log(line);
    return { full_sync_s: round2(seconds), entries_per_s: Math.round(N / seconds), publish_s: round2(publish_s), ...cpu, ...all, agent_locales: AGENT_LOCALE };
  } finally {
    await server.stop();
  }
}

const liveOptions: Omit<LiveOptions, 'inline'> = {
  clients: CLIENTS,
  workers: Math.min(Number(values.workers), CLIENTS),
  durationMs: Number(values['duration-s']) * 1000,
  intervalMs: Number(values['interval-ms']),
  corpus: values.corpus,
  via,
};
const skipFull = values['skip-full-sync'] === true;
const skipLive = values['skip-live'] === true;
if (skipFull && skipLive) throw new Error('--skip-full-sync and --skip-live leave nothing to measure');
const summary: Record<string, number | string> = {};
if (values['compare-old']) {
  // The old path first: a warm machine favours the second run, i.e. the old path is not helped.
  const oldFull = skipFull ? null : await fullSync(OLD_PAGE_SIZE);
  const oldLive = skipLive ? null : await propagation({ ...liveOptions, inline: false });
  Object.assign(summary, {
    ...(oldFull ? { old_full_sync_s: oldFull.full_sync_s } : {}),
    ...(oldLive
      ? {
          old_propagation_p50_ms: oldLive.propagation_p50_ms as number,
          old_propagation_p95_ms: oldLive.propagation_p95_ms as number,
          old_client_cpu_ms_per_change: oldLive.client_cpu_ms_per_change as number,
          old_server_cpu_ms_per_change: oldLive.server_cpu_ms_per_change as number,
        }
      : {}),
  });
}
const full = skipFull ? { full_sync_s: NaN, entries_per_s: NaN, publish_s: NaN } : await fullSync();
const live = skipLive ? {} : await propagation({ ...liveOptions, inline: true });
Object.assign(summary, full, live, { entries: skipFull ? 0 : N });
if (values['compare-old']) {
  const ratio = (a: string, b: string) => round2((summary[a] as number) / (summary[b] as number));
  log(
    `A/B (old path ÷ new, one run): full sync ${ratio('old_full_sync_s', 'full_sync_s')}×, propagation p50 ${ratio('old_propagation_p50_ms', 'propagation_p50_ms')}× ` +
      `p95 ${ratio('old_propagation_p95_ms', 'propagation_p95_ms')}×, client CPU per change ${ratio('old_client_cpu_ms_per_change', 'client_cpu_ms_per_change')}×, ` +
      `server CPU per change ${ratio('old_server_cpu_ms_per_change', 'server_cpu_ms_per_change')}×`,
  );
}
const ok = reportGoals(syncGoals(summary as Record<string, number>, skipFull, skipLive), log);
// Signed knowledge (issue #15) is on in every run: each client verifies each entry's signature.
process.stdout.write(`${JSON.stringify({ ...summary, signatures: true })}\n`);
if (!ok) process.exitCode = 1;
