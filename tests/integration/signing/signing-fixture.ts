/**
 * A real server on 127.0.0.1 with an org root key, two leads with registered approver keys (ana,
 * bo), a signed key list naming `refund` as sensitive, and an agent data folder: what the signing
 * tests (issue #15) start from. Everything goes through the CLI commands, as an org would.
 */
import path from 'node:path';
import { expect } from 'vitest';
import * as approve from '../../../main/cli/commands/approve';
import * as keys from '../../../main/cli/commands/keys';
import * as publish from '../../../main/cli/commands/publish';
import * as sync from '../../../main/cli/commands/sync';
import { sqliteServer, type ServerFactory, type TestServer } from '../server/test-server';
import { cli, ndjsonFile, tempDir } from '../workflow/cli-helpers';

export interface SigningWorld {
  t: TestServer;
  tokens: { ana: string; bo: string; cy: string };
  keyDir: string;
  root: { file: string; publicKey: string };
  keyFiles: { ana: string; bo: string; cy: string };
  publicKeys: { ana: string; bo: string; cy: string };
  agentDir: string;
  lead(token: string): string[];
  /** Lead `author` submits `records` (kind `kind`); `approvers` approve each with their key. */
  publishSigned(records: object[], author: 'ana' | 'bo' | 'cy', approvers: Array<'ana' | 'bo' | 'cy'>, kind?: 'article' | 'template'): Promise<void>;
  sync(extra?: string[], serverUrl?: string): Promise<{ code: number; out: string[]; err: string[] }>;
  signList(extra?: string[]): Promise<{ code: number; out: string[]; err: string[] }>;
  close(): Promise<void>;
}

export async function createKey(command: 'init-root' | 'create', file: string): Promise<string> {
  const made = await cli(keys, [command, '--out', file]);
  expect(made.code, made.err.join('\n')).toBe(0);
  return made.out.at(-1) as string;
}

/** `server`: SQLite by default; the PostgreSQL suite passes its factory (several instances on one DB). */
export async function signingWorld(server: ServerFactory = sqliteServer): Promise<SigningWorld> {
  const t = await server();
  const tokens = {
    ana: await t.server.tokens.create('ana', 'lead'),
    bo: await t.server.tokens.create('bo', 'lead'),
    cy: await t.server.tokens.create('cy', 'lead'),
  };
  const keyDir = tempDir('cuecard-keys-');
  const lead = (token: string) => ['--server', t.url, '--token', token];
  const root = { file: path.join(keyDir, 'root.key'), publicKey: '' };
  root.publicKey = await createKey('init-root', root.file);
  const keyFiles = { ana: path.join(keyDir, 'ana.key'), bo: path.join(keyDir, 'bo.key'), cy: path.join(keyDir, 'cy.key') };
  const publicKeys = { ana: '', bo: '', cy: '' };
  for (const name of ['ana', 'bo', 'cy'] as const) {
    publicKeys[name] = await createKey('create', keyFiles[name]);
    const registered = await cli(keys, ['register', '--public-key', publicKeys[name], '--name', name, ...lead(tokens[name])]);
    expect(registered.code, registered.err.join('\n')).toBe(0);
  }
  const agentDir = tempDir('cuecard-agent-');
  const world: SigningWorld = {
    t,
    tokens,
    keyDir,
    root,
    keyFiles,
    publicKeys,
    agentDir,
    lead,
    async publishSigned(records, author, approvers, kind = 'article') {
      const submitted = await cli(publish, [ndjsonFile(records), '--kind', kind, ...lead(tokens[author])]);
      expect(submitted.code, submitted.err.join('\n')).toBe(0);
      for (const record of records as Array<{ id: string; locale: string }>) {
        for (const approver of approvers) {
          const approved = await cli(approve, [record.id, '--locale', record.locale, '--key', keyFiles[approver], ...lead(tokens[approver])]);
          expect(approved.code, approved.err.join('\n')).toBe(0);
        }
      }
    },
    sync: (extra = [], serverUrl = t.url) =>
      cli(sync, ['--server', serverUrl, '--token', t.tokens.agent, '--data-dir', agentDir, '--org-root-key', root.publicKey, ...extra]),
    signList: (extra = []) => cli(keys, ['sign-list', '--root-key', root.file, ...lead(t.tokens.admin), ...extra]),
    close: () => t.close(),
  };
  const listed = await world.signList(['--sensitive-tags', 'refund,legal']);
  expect(listed.code, listed.err.join('\n')).toBe(0);
  return world;
}
