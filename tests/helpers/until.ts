import { expect, vi } from 'vitest';

/** Waits until `condition` holds (polled every 5 ms, at most 20 s: a worker thread bundles and loads in seconds on a loaded machine). */
export const until = (condition: () => boolean): Promise<void> => vi.waitFor(() => expect(condition()).toBe(true), { timeout: 20_000, interval: 5 });
