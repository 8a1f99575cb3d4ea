/** `publish`, `retire` and `sync` as a lead and an agent use them, against a real server. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { UsageError } from '../../../common/cli/args';
import { run as publish } from '../../../main/cli/commands/publish';
import { run as retire } from '../../../main/cli/commands/retire';
import { run as search } from '../../../main/cli/commands/search';
import { run as sync } from '../../../main/cli/commands/sync';
import { api, sqliteServer } from '../server/test-server';
import { eachTest } from '../../helpers/each-test';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

function ndjson(records: unknown[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-publish-')), 'records.ndjson');
  fs.writeFileSync(file, records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n');
  return file;
}

const records = Array.from({ length: 25 }, (_, i) => ({
  id: `howto/${i}`,
  locale: i % 5 === 0 ? 'de' : 'en',
  title: i === 7 ? 'Reset a forgotten password' : `How to do thing ${i}`,
  body: `Steps for thing ${i}.`,
  url_or_path: `help/${i}.page`,
  tags: ['howto'],
}));

describe('publish, retire and sync commands', () => {
  const t = eachTest(sqliteServer);

  it('publishes in batches, syncs into a data dir, finds it with search, and retires', async () => {
    const file = ndjson(records);
    const io = captureIo();
    const code = await publish([file, '--kind', 'article', '--server', t.url, '--token', t.tokens.admin, '--batch-size', '10', '--approve'], io);
    expect(code, io.err.join('\n')).toBe(0);
    expect(io.err).toEqual(['published 10/25', 'published 20/25', 'published 25/25']);
    expect(io.out).toEqual([`published 25 article entries from ${file} in 3 batch(es), approved at once as a bulk import; server at seq 25`]);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-cli-'));
    const syncIo = captureIo();
    expect(await sync(['--server', t.url, '--token', t.tokens.agent, '--data-dir', dataDir], syncIo)).toBe(0);
    expect(syncIo.out).toEqual([`synced 25 change(s); cursor 25; 25 entries in ${dataDir}`]);

    const found = captureIo();
    expect(await search(['forgotten password', '--data-dir', dataDir, '--json'], found)).toBe(0);
    const hits = (io: { out: string[] }) => (JSON.parse(io.out[0] as string) as { results: Array<{ id: string; locale: string }> }).results.map((h) => [h.id, h.locale]);
    expect(hits(found)).toEqual([['howto/7', 'en']]);

    const retireIo = captureIo();
    expect(await retire(['howto/7', '--locale', 'en', '--server', t.url, '--token', t.tokens.lead], retireIo)).toBe(0);
    expect(retireIo.out).toEqual(['retired howto/7 (en): version 2, seq 26']);
    const again = captureIo();
    expect(await sync(['--server', t.url, '--token', t.tokens.agent, '--data-dir', dataDir], again)).toBe(0);
    expect(again.out).toEqual([`synced 1 change(s); cursor 26; 24 entries in ${dataDir}`]);
    const gone = captureIo();
    await search(['forgotten password', '--data-dir', dataDir, '--json'], gone);
    expect(hits(gone)).toEqual([]);

    const missing = captureIo();
    expect(await retire(['howto/7', '--locale', 'en', '--server', t.url, '--token', t.tokens.lead], missing)).toBe(1);
    expect(missing.err).toEqual(['error: request failed with 409: version 1 is retired; retire needs approved']);
  });

  it('exits non-zero with the server message on 403, and on 401', async () => {
    const file = ndjson(records.slice(0, 3));
    const io = captureIo();
    expect(await publish([file, '--kind', 'article', '--server', t.url, '--token', t.tokens.agent], io)).toBe(1);
    expect(io.err).toEqual(['error: the token is not allowed to do this (403): this needs a lead token; "alex-agent" is an agent [forbidden]']);
    const bad = captureIo();
    expect(await retire(['x', '--locale', 'en', '--server', t.url, '--token', 'wrong'], bad)).toBe(1);
    expect(bad.err).toEqual(['error: the server refused the token (401): unknown or revoked token']);
    const syncIo = captureIo();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-cli-'));
    expect(await sync(['--server', t.url, '--token', 'wrong', '--data-dir', dataDir], syncIo)).toBe(1);
    expect(syncIo.err).toEqual([
      'sync failed: the server refused the token (401): unknown or revoked token',
      'error: the server refused the token (401): unknown or revoked token',
      '0 change(s) were applied before it; the local data is intact at cursor 0',
    ]);
    expect((await api(t.url, null, 'GET', '/healthz')).json.latestSeq).toBe(0);
  });

  it('publishes nothing when any record is invalid or a template does not parse', async () => {
    const file = ndjson([
      records[0],
      '{not json',
      { ...records[1], title: '' },
      { ...records[2], kind: 'template', body: 'Dear {{ customer.name }' },
      records[0],
    ]);
    const io = captureIo();
    expect(await publish([file, '--kind', 'article', '--server', t.url, '--token', t.tokens.lead], io)).toBe(1);
    expect(io.err).toEqual([
      `warning: ${file}:5: duplicate of line 1 (id "howto/0", locale de); this later line is used`,
      `${file}:2: not valid JSON (Expected property name or '}' in JSON at position 1)`,
      `${file}:3: title: Too small: expected string to have >=1 characters`,
      `${file}:4: template "howto/2" (en) does not parse: output "{{ customer.name }" not closed (line 1, column 6)`,
      `error: 3 invalid record(s) in ${file}; nothing was published`,
    ]);
    expect((await api(t.url, null, 'GET', '/healthz')).json.latestSeq).toBe(0);
  });

  it('checks its arguments', async () => {
    const file = ndjson(records.slice(0, 1));
    await expect(publish([file, '--server', t.url, '--token', 'x'], captureIo())).rejects.toThrow(UsageError);
    await expect(publish([file, '--kind', 'poem', '--server', t.url, '--token', 'x'], captureIo())).rejects.toThrow(/--kind/);
    await expect(retire(['x', '--server', t.url, '--token', 'x'], captureIo())).rejects.toThrow(/--locale/);
    await expect(sync(['--server', 'ftp://x', '--token', 'x'], captureIo())).rejects.toThrow(/http/);
  });
});
