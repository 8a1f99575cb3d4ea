/**
 * Figures for the record, not a test: the memory of a client fed an endless event.
 * `npx tsx --expose-gc tests/integration/sync/measure-endless-event.ts [seconds]`
 * Opens the event stream against the hostile double's endless event again and again for the
 * given time (default 5 s) and prints the client's heap and RSS growth and the bytes served.
 */
import { MAX_EVENT_CHARS } from '../../../common/sync-protocol';
import { readEventStream } from '../../../main/sync/event-stream-client';
import { realTimers } from '../../../main/sync/timers';
import { startHostileServer } from './hostile-server';

const seconds = Number(process.argv[2] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const server = await startHostileServer();
server.attack = { kind: 'endless-event' };
gc();
const before = process.memoryUsage();
let peakHeap = before.heapUsed;
let peakRss = before.rss;
let served = 0;
let connections = 0;
const sample = setInterval(() => {
  const now = process.memoryUsage();
  peakHeap = Math.max(peakHeap, now.heapUsed);
  peakRss = Math.max(peakRss, now.rss);
}, 5);
const deadline = Date.now() + seconds * 1000;
let lastError = '';
while (Date.now() < deadline) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(new Error('time is up')), Math.max(1, deadline - Date.now()));
  await readEventStream({
    fetch,
    url: `${server.url}/v1/events`,
    token: 't',
    signal: stop.signal,
    idleTimeoutMs: 45_000,
    maxEventChars: MAX_EVENT_CHARS,
    timers: realTimers,
    onOpen: () => undefined,
    onEvent: () => undefined,
  }).catch((error: unknown) => (lastError = String(error)));
  clearTimeout(timer);
  connections += 1;
  served += server.endless.bytesWritten;
}
clearInterval(sample);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(`connections: ${connections}, bytes served: ${mb(served)}, last error: ${lastError}`);
console.log(`heap growth at peak: ${mb(peakHeap - before.heapUsed)}, RSS growth at peak: ${mb(peakRss - before.rss)}`);
await server.close();
