/**
 * `bench:answers`' load generator: C bot clients, each with its own token, asking back to back
 * over undici's Pool (keep-alive HTTP/1.1, one connection per client, no pipelining). undici's
 * `request` costs the client a fraction of what `fetch()` did (WHATWG Request/Response/Headers
 * per call), so the client, which shares the machine's cores with the server, measures the
 * server rather than itself; its CPU per request is printed so that stays checked.
 */
import fs from 'node:fs';
import { Pool, type Dispatcher } from 'undici';
import { addSample, type PhaseSamples } from './phases';
import type { Question } from './answers-mix';

export interface LoadResult {
  latencies: number[];
  errors: number;
  seconds: number;
  phases: PhaseSamples;
  /** The ranking cache's hits and misses, as the server's Server-Timing says (0 and 0 without it). */
  hits: number;
  misses: number;
  /** CPU time (user + system) spent while measuring, ms; the server's is null off Linux. */
  clientCpuMs: number;
  serverCpuMs: number | null;
}

export interface LoadOptions {
  url: string;
  tokens: readonly string[];
  next: () => Question;
  durationMs: number;
  warmUpRequests: number;
  /** Whether the server sends Server-Timing (phases and the cache's hit or miss). */
  timing: boolean;
  serverPid: number | undefined;
  log: (line: string) => void;
}

/** The server process's CPU time so far (ms), from /proc (Linux); null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (in parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** `auth;dur=0.052, rank;desc="hit", search;dur=1.2` → samples per phase; returns their sum and the cache note. */
function readServerTiming(header: string | string[] | undefined, phases: PhaseSamples): { sum: number; rank: string | null } {
  let sum = 0;
  let rank: string | null = null;
  for (const part of String(header ?? '').split(',')) {
    const timed = /^\s*([\w-]+);dur=([\d.]+)\s*$/.exec(part);
    if (timed) {
      const ms = Number(timed[2]);
      addSample(phases, timed[1] as string, ms);
      sum += ms;
      continue;
    }
    const noted = /^\s*rank;desc="(\w+)"\s*$/.exec(part);
    if (noted) rank = noted[1] as string;
  }
  return { sum, rank };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { tokens, next } = options;
  const pool = new Pool(options.url, { connections: tokens.length, pipelining: 1 });
  const result: LoadResult = { latencies: [], errors: 0, seconds: 0, phases: {}, hits: 0, misses: 0, clientCpuMs: 0, serverCpuMs: null };
  const ask = async (token: string, record: boolean): Promise<void> => {
    const { q, locale } = next();
    const path = `/v1/answers?q=${encodeURIComponent(q)}&locale=${encodeURIComponent(locale)}&limit=5`;
    const started = performance.now();
    let response: Dispatcher.ResponseData | null;
    try {
      response = await pool.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
      for await (const chunk of response.body) void chunk;
    } catch (error) {
      if (record && result.errors === 0) options.log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      response = null;
    }
    const ms = performance.now() - started;
    if (!record) return;
    result.latencies.push(ms);
    addSample(result.phases, 'total', ms);
    if (response?.statusCode !== 200) result.errors++;
    if (!response || !options.timing) return;
    const { sum, rank } = readServerTiming(response.headers['server-timing'], result.phases);
    addSample(result.phases, 'outside the handler', ms - sum);
    if (rank === 'hit') result.hits++;
    else if (rank === 'miss') result.misses++;
  };
  try {
    for (let i = 0; i < options.warmUpRequests; i++) await ask(tokens[i % tokens.length] as string, false);
    const cpuBefore = process.cpuUsage();
    const serverBefore = processCpuMs(options.serverPid);
    const started = performance.now();
    const deadline = started + options.durationMs;
    await Promise.all(
      tokens.map(async (token) => {
        while (performance.now() < deadline) await ask(token, true);
      }),
    );
    result.seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    result.clientCpuMs = (cpu.user + cpu.system) / 1000;
    const serverAfter = processCpuMs(options.serverPid);
    result.serverCpuMs = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
  } finally {
    await pool.close();
  }
  return result;
}
