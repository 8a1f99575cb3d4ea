/** Test-speed sync clients and checks on top of the shared client in tests/helpers/sync-client.ts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { SyncEngineDeps } from '../../../main/sync/sync-engine';
import { openSyncClient, type SyncClient } from '../../helpers/sync-client';

export type TestClient = SyncClient;

/** A client in a fresh temp dir, with short backoff and timeouts so failure paths finish quickly. */
export function openClient(
  serverUrl: string,
  token: string,
  overrides: Partial<SyncEngineDeps> = {},
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-client-')),
): Promise<TestClient> {
  return openSyncClient(dir, serverUrl, token, {
    backoffInitialMs: 50,
    backoffMaxMs: 500,
    requestTimeoutMs: 5000,
    ...overrides,
  });
}

/** `(id, locale, version)` of every entry, sorted, hashed: equal iff the contents match. */
export function checksum(rows: ReadonlyArray<{ id: string; locale: string; version: number }>): string {
  const lines = rows.map((r) => `${r.locale}\u0000${r.id}\u0000${r.version}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
