/**
 * `bench:answers`' load generator: C bot clients, each with its own token, asking back to back
 * over undici's Pool (keep-alive HTTP/1.1, one connection per client, no pipelining). undici's
 * `request` costs the client a fraction of what `fetch()` did (WHATWG Request/Response/Headers
 * per call), so the client, which shares the machine's cores with the server, measures the
 * server rather than itself; its CPU per request is printed so that stays checked.
 *
 * With `ratePerSecond` the loop is open: request i is due at start + i / rate, handed to client
 * i mod C (each still one connection, one request at a time), and its latency counts from when it
 * was due, not from when it could be sent, so a server falling behind shows as the queueing its
 * customers would see (no coordinated omission).
 */
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, type Dispatcher } from 'undici';
import { addSample, type PhaseSamples } from './phases';
import type { Question } from './answers-mix';

export interface LoadResult {
  latencies: number[];
  errors: number;
  seconds: number;
  /** Reply bytes read while measuring (bodies only). */
  bytes: number;
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
  /** Closed loop: stop after this many measured requests, if before `durationMs` (same work for an A/B). */
  maxRequests?: number;
  /** Open loop: requests due at this constant rate (per second) over all clients; absent = back to back. */
  ratePerSecond?: number;
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
  const result: LoadResult = { latencies: [], errors: 0, seconds: 0, bytes: 0, phases: {}, hits: 0, misses: 0, clientCpuMs: 0, serverCpuMs: null };
  /** `due`: when the request was meant to be sent (the open loop's schedule); default now. */
  const ask = async (token: string, record: boolean, due?: number): Promise<void> => {
    const { q, locale } = next();
    const path = answersPath(q, locale);
    const started = due ?? performance.now();
    let response: Dispatcher.ResponseData | null;
    try {
      response = await pool.request({ method: 'GET', path, headers: { authorization: `Bearer ${token}` } });
      for await (const chunk of response.body) if (record) result.bytes += (chunk as Buffer).length;
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
    const rate = options.ratePerSecond;
    let issued = 0;
    const more = () => performance.now() < deadline && (options.maxRequests === undefined || issued++ < options.maxRequests);
    await Promise.all(
      tokens.map(async (token, k) => {
        if (rate === undefined) {
          while (more()) await ask(token, true);
          return;
        }
        const due = (i: number) => started + (i * 1000) / rate;
        for (let i = k; due(i) < deadline; i += tokens.length) {
          const wait = due(i) - performance.now();
          if (wait > 0) await sleep(wait);
          await ask(token, true, due(i));
        }
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

function answersPath(q: string, locale: string): string {
  return `/v1/answers?q=${encodeURIComponent(q)}&locale=${encodeURIComponent(locale)}&limit=5`;
}

/**
 * `count` real replies to questions of the mix, one at a time; returns the one whose size is
 * nearest their mean (the floor's canned reply) and that mean.
 */
export async function typicalReply(url: string, token: string, next: () => Question, count: number): Promise<{ body: Buffer; meanBytes: number }> {
  const pool = new Pool(url, { connections: 1 });
  const bodies: Buffer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const { q, locale } = next();
      const response = await pool.request({ method: 'GET', path: answersPath(q, locale), headers: { authorization: `Bearer ${token}` } });
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode !== 200) throw new Error(`a sample question got ${response.statusCode}: ${body.toString().slice(0, 200)}`);
      bodies.push(body);
    }
  } finally {
    await pool.close();
  }
  const meanBytes = bodies.reduce((s, b) => s + b.length, 0) / bodies.length;
  const body = bodies.reduce((best, b) => (Math.abs(b.length - meanBytes) < Math.abs(best.length - meanBytes) ? b : best));
  return { body, meanBytes };
}
