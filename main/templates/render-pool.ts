/**
 * Runs template preparation and rendering in a worker thread with a hard deadline. One job at a
 * time goes to the worker; a job that overruns `timeoutMs` (or kills the worker, e.g. a Liquid
 * `capture` loop past the worker's heap limit) gets a clear "too large or too slow" answer, the
 * worker is terminated and a fresh one serves the next job. Meanwhile the main thread stays free:
 * search and every other IPC call keep answering.
 */
import type { Worker } from 'node:worker_threads';
import { assertNever } from '../../common/assert-never';
import type { TemplatePreparation } from '../../common/ipc-contract';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { TemplateRenderResult } from '../../common/templates/render-template';
import type { CapturedContext } from '../../common/templates/prefill-match';
import type { PrefillOutcome, RenderOutcome, TemplateRenderer } from '../core/ports';

export type RenderJob =
  | { op: 'prepare'; entry: KnowledgeEntry }
  | { op: 'render'; entry: KnowledgeEntry; values: Readonly<Record<string, string>> }
  | { op: 'prefill'; entry: KnowledgeEntry; context: CapturedContext };
export type RenderJobResult =
  | { op: 'prepare'; result: TemplatePreparation }
  | { op: 'render'; result: TemplateRenderResult }
  | { op: 'prefill'; result: PrefillOutcome };

/** The default deadline: a real reply renders in milliseconds; a pathological one never finishes. */
export const RENDER_TIMEOUT_MS = 2000;
/**
 * A prefill's deadline: a safe pattern over MAX_CONTEXT_CHARS matches in well under a millisecond;
 * one that backtracks exponentially is stopped here, and the form opens without that value.
 */
export const PREFILL_TIMEOUT_MS = 500;
/** The worker's heap ceiling (`resourceLimits`): past it the worker dies, not the app. */
export const RENDER_WORKER_HEAP_MB = 128;

export const tooLargeMessage = (timeoutMs: number) =>
  `This entry is too large or too slow to render (stopped after ${timeoutMs / 1000} s). Ask the knowledge base admin to shorten it.`;

interface Pending {
  job: RenderJob;
  resolve(result: RenderJobResult): void;
}

export class RenderPool implements TemplateRenderer {
  private worker: Promise<Worker> | null = null;
  private readonly queue: Pending[] = [];
  private busy = false;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly spawn: () => Promise<Worker>,
    private readonly timeoutMs = RENDER_TIMEOUT_MS,
  ) {}

  async prepare(entry: KnowledgeEntry): Promise<TemplatePreparation> {
    const outcome = await this.run({ op: 'prepare', entry });
    return outcome.op === 'prepare' ? outcome.result : { ok: false, message: 'unexpected answer from the render worker' };
  }

  async render(entry: KnowledgeEntry, values: Record<string, string>): Promise<RenderOutcome> {
    const outcome = await this.run({ op: 'render', entry, values });
    return outcome.op === 'render' ? outcome.result : { ok: false, message: 'unexpected answer from the render worker' };
  }

  async prefill(entry: KnowledgeEntry, context: CapturedContext): Promise<PrefillOutcome> {
    const outcome = await this.run({ op: 'prefill', entry, context });
    return outcome.op === 'prefill' ? outcome.result : { ok: false, message: 'unexpected answer from the render worker' };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await (await worker).terminate();
  }

  private run(job: RenderJob): Promise<RenderJobResult> {
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.busy = true;
    try {
      next.resolve(await this.runOnWorker(next.job));
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  private async runOnWorker(job: RenderJob): Promise<RenderJobResult> {
    const timeoutMs = job.op === 'prefill' ? Math.min(PREFILL_TIMEOUT_MS, this.timeoutMs) : this.timeoutMs;
    const failed = (message = tooLargeMessage(timeoutMs)): RenderJobResult => failedJob(job, message);
    this.worker ??= this.spawn();
    let worker: Worker;
    try {
      worker = await this.worker;
    } catch {
      this.worker = null; // could not start: answer this job, try again for the next
      return failed('Cuecard could not start its renderer; try again.');
    }
    const id = this.nextId++;
    return new Promise<RenderJobResult>((resolve) => {
      const finish = (result: RenderJobResult, kill: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (kill) {
          this.worker = null;
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (message: { id: number; outcome: RenderJobResult }) => {
        if (message.id === id) finish(message.outcome, false);
      };
      const onExit = () => finish(failed(), true); // out of memory, or crashed
      const timer = setTimeout(() => finish(failed(), true), timeoutMs);
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.postMessage({ id, job });
    });
  }
}

/** The answer to a job that could not run: the same shape the worker gives for its kind of job. */
export function failedJob(job: RenderJob, message: string): RenderJobResult {
  switch (job.op) {
    case 'prepare':
      return { op: 'prepare', result: { ok: false, message } };
    case 'render':
      return { op: 'render', result: { ok: false, message, missing: [] } };
    case 'prefill':
      return { op: 'prefill', result: { ok: false, message } };
    default:
      return assertNever(job);
  }
}
