/**
 * A harness bridge for the overlay bench: the page's window.cuecard calls leave through a
 * DevTools-protocol binding (`Runtime.addBinding` → `Runtime.bindingCalled`) and the answer goes
 * back with one `Runtime.evaluate` in the calling frame's context: one message each way over
 * Chromium's own pipe. In this process both legs also pass through playwright's client and
 * dispatcher layers (a setImmediate hop each, and they share the event loop with the driver), so
 * the bench's default is the WebSocket bridge (harness-server.ts); this one is kept to compare
 * (`--bridge cdp`). Needs the harness in the same process as the driving playwright page
 * (`openHarness`). Events still come from /bridge/events.
 */
import type { CDPSession, Page } from 'playwright-core';
import { bridgeScript, dispatchBridgeMessage, type BridgeRouters } from './bridge-dispatch';

const BINDING = '__cuecardHarnessCall';
const ANSWER = '__cuecardHarnessAnswer';

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
  await page.addInitScript({ content: await bridgeScript(new URL('./bridge-client-message.js', import.meta.url), { TRANSPORT: 'cdp', BINDING, ANSWER }) });
  return session;
}

async function answer(session: CDPSession, routers: BridgeRouters, payload: string, contextId: number): Promise<void> {
  const { id, answer: result, mainMs } = await dispatchBridgeMessage(routers, payload);
  // JSON is an expression: the answer arrives as the object main returned, parsed once in the page.
  const expression = `window.${ANSWER}(${id}, ${JSON.stringify(result)}, ${mainMs.toFixed(3)})`;
  await session.send('Runtime.evaluate', { expression, contextId });
}
