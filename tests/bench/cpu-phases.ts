/**
 * Main-thread CPU per phase of a full sync (issue #19: "find where the time goes"). The phase
 * timers of phases.ts measure wall time, and the phases overlap (a page is verified while the one
 * before is stored); on a machine shared with other work only CPU time says what a phase costs.
 * V8's sampling profiler runs in the bench process during the sync and each sample goes to the
 * phase of the innermost frame a rule below recognises. Work on other threads (the Ed25519 checks
 * and SQLite on libuv's threadpool, GC helpers) is not sampled: it is the process's CPU minus the
 * main thread's, printed beside.
 */
import { Session } from 'node:inspector/promises';

/** A phase and what marks its frames: a source file (or package) in the frame's URL, or a function name. */
const RULES: ReadonlyArray<{ phase: string; url?: RegExp; fn?: RegExp }> = [
  { phase: 'gc', fn: /^\(garbage collector\)$/ },
  { phase: 'verify: Ed25519 job (submit, callback)', fn: /^(verifyOneShot|verifyTextAsync|verifyText)$/ },
  { phase: 'verify: payload + rule', url: /common\/signing\/|canonicalize/ },
  { phase: 'verify: screen + threadpool queue', url: /main\/signing\// },
  { phase: 'check page (schema)', url: /main\/sync\/verify-page|zod/ },
  { phase: 'index', url: /main\/search\/|common\/search\/|flexsearch/ },
  { phase: 'apply (SQL, store)', url: /main\/store\/|sqlite3/ },
  { phase: 'parse', fn: /^fetchOnce$/ },
  { phase: 'http', url: /main\/sync\/http|undici|node:internal\/deps\/undici|node:internal\/webstreams/ },
  { phase: 'sync loop', url: /main\/sync\// },
  { phase: 'idle', fn: /^\(idle\)$/ },
];

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const phaseOf = (node: ProfileNode): string | null => {
  for (const rule of RULES) {
    if (rule.fn?.test(node.callFrame.functionName) || rule.url?.test(node.callFrame.url)) return rule.phase;
  }
  return null;
};

/** Milliseconds of main-thread samples per phase, innermost recognised frame first. */
export function attribute(profile: Profile): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseById = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = phaseById.get(id);
    if (known) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const phase = (node && phaseOf(node)) ?? (up === undefined ? 'other' : resolve(up));
    phaseById.set(id, phase);
    return phase;
  };
  const out: Record<string, number> = {};
  for (const [i, id] of profile.samples.entries()) {
    const phase = resolve(id);
    out[phase] = (out[phase] ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return out;
}

export interface PhaseProfiler {
  stop(): Promise<Record<string, number>>;
}

/** Starts sampling this thread every `intervalUs` (1 ms: ~1–2% overhead). */
export async function startPhaseProfiler(intervalUs = 1000): Promise<PhaseProfiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return attribute(profile as unknown as Profile);
    },
  };
}

/**
 * Lines for stderr: each phase's share of the main thread's CPU, busiest first, then the threads
 * beside it. The profiler samples by the clock, so on a loaded machine a thread waiting for a core
 * is sampled in whatever it runs: the samples give each phase's share of the busy (non-idle) ones,
 * and that share of the thread's measured CPU (/proc) is the figure printed.
 */
export function cpuPhaseLines(title: string, phases: Record<string, number>, mainThreadS: number, offMainThreadS: number): string[] {
  const rows = Object.entries(phases)
    .filter(([phase]) => phase !== 'idle')
    .sort((a, b) => b[1] - a[1]);
  const busy = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const cpuMs = (ms: number) => Math.round((ms / busy) * mainThreadS * 1000);
  return [
    `${title} (CPU ms: main thread by profile share of ${Math.round(mainThreadS * 1000)} ms, then the other threads)`,
    ...rows.map(([phase, ms]) => `  ${phase.padEnd(40)} ${cpuMs(ms).toString().padStart(8)}  ${((ms / busy) * 100).toFixed(1).padStart(5)}%`),
    `  ${'other threads (threadpool: Ed25519, SQLite; GC helpers)'.padEnd(40)} ${Math.round(offMainThreadS * 1000).toString().padStart(8)}`,
  ];
}
