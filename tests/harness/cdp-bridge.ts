/**
 * The harness's second bridge, for the overlay bench (issue #19: "measure the app and not the
 * stand-in"): the page's window.cuecard calls leave through a DevTools-protocol binding
 * (`Runtime.addBinding` → `Runtime.bindingCalled`) and the answer goes back with one
 * `Runtime.evaluate` in the calling frame's context. That is one message each way over
 * Chromium's own pipe, as Electron's `ipcRenderer.invoke` is, instead of an HTTP request and
 * response with headers, a socket and the fetch machinery. Needs the harness in the same process
 * as the driving playwright page (`openHarness`). Events still come from /bridge/events.
 */
import type { CDPSession, Page } from 'playwright-core';
import { z } from 'zod';
import { bridgeScript, dispatchBridgeCall, type BridgeRouters } from './bridge-dispatch';

const BINDING = '__cuecardHarnessCall';
const ANSWER = '__cuecardHarnessAnswer';

const CallSchema = z.object({
  id: z.number().int().positive(),
  target: z.enum(['overlay', 'library']),
  page: z.enum(['overlay', 'library']),
  key: z.string(),
  request: z.unknown(),
});

/**
 * Installs the bridge on `page` (call before `page.goto`). Every later document of the page gets
 * window.cuecard over the binding; bridge-client.js then leaves it alone.
 */
export async function attachCdpBridge(page: Page, routers: BridgeRouters, onError: (error: unknown) => void): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  session.on('Runtime.bindingCalled', (event) => {
    if (event.name !== BINDING) return;
    answer(session, routers, event.payload, event.executionContextId).catch(onError);
  });
  await session.send('Runtime.enable');
  await session.send('Runtime.addBinding', { name: BINDING });
  await page.addInitScript({ content: await bridgeScript(new URL('./bridge-client-cdp.js', import.meta.url), { BINDING, ANSWER }) });
  return session;
}

async function answer(session: CDPSession, routers: BridgeRouters, payload: string, contextId: number): Promise<void> {
  const call = CallSchema.parse(JSON.parse(payload));
  const { answer: result, mainMs } = await dispatchBridgeCall(routers, { target: call.target, page: call.page, key: call.key, payload: call.request });
  // JSON is an expression: the answer arrives as the object main returned, parsed once in the page.
  const expression = `window.${ANSWER}(${call.id}, ${JSON.stringify(result)}, ${mainMs.toFixed(3)})`;
  await session.send('Runtime.evaluate', { expression, contextId });
}
