/**
 * Re-reads the managed policy periodically: Group Policy and MDM profiles often arrive after the
 * app has started (first logon, a new device). A changed policy is applied at once; a problem is
 * reported when it first appears, not on every re-read.
 */
import type { LoadedPolicy } from './policy';
import type { ManagedPolicy } from './policy-schema';

/** Two minutes: what VS Code and Mattermost poll at; reading a few registry values costs ~nothing. */
export const POLICY_REFRESH_MS = 2 * 60 * 1000;

export interface PolicyWatcherDeps {
  load(): Promise<LoadedPolicy>;
  onPolicy(policy: ManagedPolicy): void;
  onProblems(problems: string[]): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  intervalMs?: number;
}

export class PolicyWatcher {
  private lastPolicy: string;
  private readonly reported = new Set<string>();
  private timer: unknown = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: PolicyWatcherDeps,
    initial: LoadedPolicy,
  ) {
    this.lastPolicy = canonical(initial.policy);
    for (const problem of initial.problems) this.reported.add(problem);
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = this.deps.setInterval(() => void this.refresh(), this.deps.intervalMs ?? POLICY_REFRESH_MS);
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearInterval(this.timer);
    this.timer = null;
  }

  /** One re-read (the timer calls this; tests call it directly). Overlapping calls share one read. */
  refresh(): Promise<void> {
    this.running ??= this.readOnce().finally(() => (this.running = null));
    return this.running;
  }

  private async readOnce(): Promise<void> {
    const loaded = await this.deps.load();
    const fresh = loaded.problems.filter((p) => !this.reported.has(p));
    // Forget problems that were fixed, so they are reported again if they come back.
    for (const old of [...this.reported]) if (!loaded.problems.includes(old)) this.reported.delete(old);
    for (const problem of fresh) this.reported.add(problem);
    if (fresh.length > 0) this.deps.onProblems(fresh);
    const next = canonical(loaded.policy);
    if (next !== this.lastPolicy) {
      this.lastPolicy = next;
      this.deps.onPolicy(loaded.policy);
    }
  }
}

function canonical(policy: ManagedPolicy): string {
  return JSON.stringify(Object.entries(policy).sort(([a], [b]) => a.localeCompare(b)));
}
