/**
 * The render worker (worker_threads): Liquid and Markdown run here, never on the main thread,
 * so a template that is slow or huge to render cannot stall search or the overlay. The pool in
 * render-pool.ts terminates this thread when a render overruns its deadline.
 */
import { parentPort } from 'node:worker_threads';
import { TemplateService } from './template-service';
import { failedJob, type RenderJob, type RenderJobResult } from './render-pool';
import { assertNever } from '../../common/assert-never';

const templates = new TemplateService();

function run(job: RenderJob): RenderJobResult {
  try {
    switch (job.op) {
      case 'prepare':
        return { op: 'prepare', result: templates.prepare(job.entry) };
      case 'render':
        return { op: 'render', result: templates.render(job.entry, job.values) };
      case 'prefill':
        return { op: 'prefill', result: templates.prefill(job.entry, job.context) };
      default:
        return assertNever(job);
    }
  } catch (error) {
    return failedJob(job, `This entry cannot be rendered: ${error instanceof Error ? error.message : String(error)}`);
  }
}

parentPort?.on('message', (message: { id: number; job: RenderJob }) => {
  parentPort?.postMessage({ id: message.id, outcome: run(message.job) });
});
// Loaded: the pool starts a job's deadline only now, so start-up time never counts against it.
parentPort?.postMessage({ ready: true });
