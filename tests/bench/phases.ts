/**
 * Per-phase timings of a bench, printed on stderr beside its JSON line (issue #19: "find where
 * the time goes"). Samples are plain arrays so worker processes can send them over IPC.
 */
export type PhaseSamples = Record<string, number[]>;

export function addSample(samples: PhaseSamples, phase: string, ms: number): void {
  (samples[phase] ??= []).push(ms);
}

export function mergeSamples(into: PhaseSamples, from: PhaseSamples): void {
  for (const [phase, values] of Object.entries(from)) for (const v of values) addSample(into, phase, v);
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

const ms = (x: number) => (x >= 100 ? Math.round(x).toString() : x.toFixed(x >= 10 ? 1 : 2));

/** One line per phase: count, total, p50, p95, max (ms), in the order given, then any others. */
export function phaseLines(title: string, samples: PhaseSamples, order: readonly string[] = []): string[] {
  const names = [...order.filter((n) => samples[n]), ...Object.keys(samples).filter((n) => !order.includes(n))];
  const lines = [`${title} (ms: count, total, p50, p95, max)`];
  for (const name of names) {
    const sorted = [...(samples[name] ?? [])].sort((a, b) => a - b);
    const total = sorted.reduce((s, v) => s + v, 0);
    lines.push(
      `  ${name.padEnd(24)} ${String(sorted.length).padStart(7)} ${ms(total).padStart(9)} ${ms(percentile(sorted, 0.5)).padStart(8)} ` +
        `${ms(percentile(sorted, 0.95)).padStart(8)} ${ms(sorted[sorted.length - 1] ?? NaN).padStart(8)}`,
    );
  }
  return lines;
}
