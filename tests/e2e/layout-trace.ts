/**
 * Style and layout recalculations of a page while `run` runs, from a Chrome trace (CDP `Tracing`,
 * devtools.timeline with JS stacks): the renderer's `UpdateLayoutTree` (style) and `Layout`
 * events, and which of them were forced (run synchronously from script, so they carry its stack).
 * Counts, unlike times, do not depend on the machine's load (issue #19).
 */
import type { Page } from 'playwright-core';

export interface ForcedRecalc {
  kind: 'style' | 'layout';
  /** The script frames that forced it, innermost first: `function file:line:column`. */
  frames: string[];
  /** The innermost frame's script URL ('' for scripts the driver injected). */
  url: string;
}

export interface LayoutTrace {
  style: number;
  layout: number;
  forced: ForcedRecalc[];
}

interface TraceEvent {
  name: string;
  ph: string;
  args?: { beginData?: { stackTrace?: Array<{ functionName: string; url: string; lineNumber: number; columnNumber: number }> } };
}

export async function traceLayouts(page: Page, run: () => Promise<void>): Promise<LayoutTrace> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] },
  });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const trace: LayoutTrace = { style: 0, layout: 0, forced: [] };
  for (const e of events) {
    if ((e.name !== 'UpdateLayoutTree' && e.name !== 'Layout') || (e.ph !== 'X' && e.ph !== 'B')) continue;
    const kind = e.name === 'Layout' ? 'layout' : 'style';
    trace[kind] += 1;
    const stack = e.args?.beginData?.stackTrace;
    if (!stack || stack.length === 0) continue;
    trace.forced.push({
      kind,
      frames: stack.map((f) => `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`),
      url: stack[0]?.url ?? '',
    });
  }
  return trace;
}
