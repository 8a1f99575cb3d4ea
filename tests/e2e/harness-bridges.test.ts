/**
 * The harness's WebSocket bridge (tests/harness/socket-bridge.ts), which the overlay bench
 * measures by default: the overlay works over it with no HTTP bridge call, and it answers only
 * the harness's own origin and well-formed calls.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { recordProblems } from './browser';
import { options, typeQuery, useHarness } from './setup';
import { SOCKET_PATH, useSocketBridge } from '../harness/socket-bridge';

/** The status of a WebSocket upgrade request to the harness with `origin`. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  const target = new URL(SOCKET_PATH, url);
  return new Promise((resolve, reject) => {
    const request = http.request(target, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', origin, 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('harness WebSocket bridge', () => {
  const e2e = useHarness();

  it('carries every overlay call: results as you type with no HTTP bridge request', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1000, height: 640 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      await recordProblems(page, problems);
      const httpCalls: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/bridge/')) httpCalls.push(request.url());
      });
      await useSocketBridge(page);
      await page.goto(e2e.harness.url);
      await typeQuery(page, 'refund');
      await expect.poll(() => options(page).count()).toBeGreaterThan(2);
      expect(await options(page).first().locator('mark').first().textContent()).toMatch(/refund/i);
      expect(httpCalls).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses another origin and closes on a malformed call', async () => {
    const own = new URL(e2e.harness.url).origin;
    expect(await upgradeStatus(e2e.harness.url, 'http://attacker.example')).toBe(403);
    expect(await upgradeStatus(e2e.harness.url, own)).toBe(101);
    const context = await e2e.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(e2e.harness.url);
      const closed = await page.evaluate(
        (path) =>
          new Promise<number>((resolve) => {
            const socket = new WebSocket(window.location.origin.replace(/^http/, 'ws') + path);
            socket.onopen = () => socket.send('{"id":1,"target":"overlay","page":"overlay","key":"search"}'.slice(0, -1));
            socket.onclose = (event) => resolve(event.code);
          }),
        SOCKET_PATH,
      );
      expect(closed).toBe(1008);
    } finally {
      await context.close();
    }
  });
});
