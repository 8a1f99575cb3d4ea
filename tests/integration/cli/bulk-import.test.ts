/**
 * Bulk import for leads against a real server: `import <file> --server … --dry-run` plans
 * created / changed / left without one write request; without --dry-run it submits the created
 * and changed records for review; a bad row stops everything until skipped explicitly.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { run as runImport } from '../../../main/cli/commands/import';
import { ImportService, httpReviewServer } from '../../../main/application/import-service';
import { captureJsonLog } from '../../helpers/json-log-stream';
import { useTempDirs } from '../../helpers/temp-dir';
import { api, publishLive, sqliteServer, type TestServer } from '../server/test-server';

const tempDir = useTempDirs('cuecard-bulk-import-');
const EXCERPT = path.join(__dirname, '../../fixtures/gnome-help-excerpt/gnome-help-excerpt.ndjson');

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

function file(name: string, text: string): string {
  const written = path.join(tempDir(), name);
  fs.writeFileSync(written, text);
  return written;
}

const cell = (value: string): string => `"${value.replace(/"/g, '""')}"`;

/** The server's request log, to assert which requests a command made. */
function requestLog(): { stream: Writable; requests: () => string[] } {
  const log = captureJsonLog();
  return { stream: log.stream, requests: () => log.lines().filter((line) => line.msg === 'request').map((line) => `${String(line.method)} ${String(line.route)}`) };
}

/** What a lead sees: the live entries and the queue. */
async function leadView(t: TestServer): Promise<unknown> {
  const exported = await api(t.url, t.tokens.lead, 'GET', '/v1/export?limit=1000');
  const queue = await api(t.url, t.tokens.lead, 'GET', '/v1/queue');
  return { exported: exported.json, queue: queue.json };
}

const live = [
  { id: 'kb/same', locale: 'en', kind: 'article', title: 'Opening hours', body: 'Monday to Friday, 9 to 5.', tags: ['hours'] },
  { id: 'kb/moved', locale: 'en', kind: 'article', title: 'Returns', body: 'Within 14 days.', tags: ['returns'] },
];
const CSV = [
  'id,locale,kind,title,body,tags',
  'kb/same,en,article,Opening hours,"Monday to Friday, 9 to 5.",hours',
  'kb/moved,en,article,Returns,"Within 30 days.\r\nKeep the receipt.",returns;policy',
  `kb/new,en,template,${cell('=HYPERLINK("http://evil.test","Hi")')},"Hi {{ customer.first_name }}",`,
].join('\r\n');

describe('import --server (bulk import for leads)', () => {
  let t: TestServer | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('a dry run prints created / changed / left with reasons and makes no write request; the import then submits the created and changed ones for review', async () => {
    const log = requestLog();
    t = await sqliteServer({ logLevel: 'info', logStream: log.stream });
    expect((await publishLive(t, { entries: live })).status).toBe(200);
    const input = file('kb.csv', `\ufeff${CSV}`);
    const before = await leadView(t);
    const requestsBefore = log.requests().length;

    const dry = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--dry-run'], dry), dry.err.join('\n')).toBe(0);
    expect(dry.out).toEqual([
      'left    kb/same (en) from row 2: same as live version 1',
      'changed kb/moved (en) from row 3: body, tags differ from live version 1',
      'created kb/new (en) from row 4: new entry',
      `dry run of ${input}: 1 created, 1 changed, 1 left, 0 bad; nothing was submitted`,
    ]);
    expect(log.requests().slice(requestsBefore)).toEqual(['GET /v1/export', 'GET /v1/queue']);
    expect(await leadView(t)).toEqual(before);

    const json = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--dry-run', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out[0] as string)).toMatchObject({
      dryRun: true,
      counts: { created: 1, changed: 1, left: 1, bad: 0 },
      items: [
        { action: 'left', id: 'kb/same', liveVersion: 1 },
        { action: 'changed', id: 'kb/moved', reason: 'body, tags differ from live version 1' },
        { action: 'created', id: 'kb/new', kind: 'template', from: 'row 4' },
      ],
    });

    const io = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead], io), io.err.join('\n')).toBe(0);
    expect(io.out.at(-1)).toBe(`submitted 2 version(s) from ${input} for review in 1 request(s): 1 created, 1 changed, 1 left, 0 bad; server at seq 2`);
    const queue = (await api(t.url, t.tokens.lead, 'GET', '/v1/queue')).json as { items: Array<{ id: string; reason: string; author: string; version: number }> };
    expect(queue.items.map((i) => [i.id, i.reason, i.author, i.version]).sort()).toEqual([
      ['kb/moved', 'in_review', 'lena-lead', 2],
      ['kb/new', 'in_review', 'lena-lead', 1],
    ]);
    const history = await api(t.url, t.tokens.lead, 'GET', '/v1/entries/kb%2Fnew/history?locale=en');
    expect(history.json.items[0]).toMatchObject({ title: '=HYPERLINK("http://evil.test","Hi")', state: 'in_review' });

    // Planned again, the versions in review are named in the reasons.
    const again = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--dry-run'], again)).toBe(0);
    expect(again.out.slice(1, 3)).toEqual([
      'changed kb/moved (en) from row 3: body, tags differ from live version 1; replaces version 2 in review by lena-lead',
      'created kb/new (en) from row 4: new entry; replaces version 1 in review by lena-lead',
    ]);
  });

  it('a CSV with a bad row names the row and submits nothing; --skip-bad-rows submits the rest and lists the skipped rows', async () => {
    t = await sqliteServer();
    const input = file('bad.csv', ['id,title,body', 'good/1,Fine,Body', 'bad 2,Title,Body', 'good/3,"Also fine",Body'].join('\n'));
    const before = await leadView(t);
    const io = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead], io)).toBe(1);
    expect(io.err).toEqual([
      `${input}: row 3: id: must not contain whitespace or control characters`,
      `error: ${input}: 1 bad record(s); nothing was submitted: fix them, or skip them explicitly (--skip-bad-rows)`,
    ]);
    expect(await leadView(t)).toEqual(before);

    const dry = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--dry-run'], dry)).toBe(1);
    expect(dry.out.at(-2)).toBe('bad     row 3: id: must not contain whitespace or control characters');

    const skip = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--skip-bad-rows'], skip), skip.err.join('\n')).toBe(0);
    expect(skip.err).toEqual([`skipped ${input}: row 3: id: must not contain whitespace or control characters`]);
    expect(skip.out.at(-1)).toBe(`submitted 2 version(s) from ${input} for review in 1 request(s): 2 created, 0 changed, 0 left, 1 bad (skipped); server at seq 0`);
  });

  it('locally too, a CSV with a bad row imports nothing until --skip-bad-rows', async () => {
    const input = file('local.csv', ['id,title,body', 'good/1,Fine,Body', 'bad 2,Title,Body'].join('\n'));
    const dataDir = tempDir();
    const io = captureIo();
    expect(await runImport([input, '--data-dir', dataDir], io)).toBe(1);
    expect(io.err).toEqual([
      `${input}:row 3: id: must not contain whitespace or control characters`,
      `error: 1 bad row(s) in ${input}; nothing was imported: fix them, or skip them explicitly (--skip-bad-rows)`,
    ]);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    const skip = captureIo();
    expect(await runImport([input, '--data-dir', dataDir, '--skip-bad-rows'], skip), skip.err.join('\n')).toBe(0);
    expect(skip.out).toEqual([`imported 1 record(s) from ${input} into ${dataDir}: 1 new, 0 updated, 0 unchanged; 1 bad line(s) skipped`]);
  });

  it('a file that cannot be read (broken quoting) imports nothing, even with --skip-bad-rows', async () => {
    t = await sqliteServer();
    const input = file('broken.csv', 'id,title,body\na,"T"x,B\nb,T,B\n');
    const io = captureIo();
    expect(await runImport([input, '--server', t.url, '--token', t.tokens.lead, '--skip-bad-rows'], io)).toBe(1);
    expect(io.err.at(-1)).toMatch(/^error: .*broken\.csv: row 2 \(line 2\): text after a closing double quote .*; nothing was submitted$/);
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/queue')).json).toEqual({ items: [] });
  });

  it('plans a Zendesk macros export (by its .json extension) and the real GNOME Help excerpt written as CSV', async () => {
    t = await sqliteServer();
    const macros = file(
      'macros.json',
      JSON.stringify({ macros: [{ id: 7, title: 'Refund', active: true, actions: [{ field: 'comment_value_html', value: '<p>Hi {{ticket.requester.first_name}}</p>' }] }] }),
    );
    const io = captureIo();
    expect(await runImport([macros, '--server', t.url, '--token', t.tokens.lead, '--dry-run', '--locale', 'fr'], io), io.err.join('\n')).toBe(0);
    expect(io.out).toEqual(['created zendesk/macro/7 (fr) from macro 1 (id 7): new entry', `dry run of ${macros}: 1 created, 0 changed, 0 left, 0 bad; nothing was submitted`]);

    const records = fs.readFileSync(EXCERPT, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; locale: string; title: string; body: string; tags: string[]; url_or_path: string });
    const asCsv = [
      'id,locale,title,body,tags,url_or_path',
      ...records.map((r) => [r.id, r.locale, r.title, r.body, r.tags.join(';'), r.url_or_path].map(cell).join(',')),
    ].join('\r\n');
    // Half of them are live already, as their NDJSON says: the CSV of the same records leaves those.
    const half = records.slice(0, 40).map(({ url_or_path: urlOrPath, ...r }) => ({ ...r, urlOrPath, kind: 'article' }));
    expect((await publishLive(t, { entries: half })).status).toBe(200);
    const csvIo = captureIo();
    expect(await runImport([file('gnome.csv', asCsv), '--server', t.url, '--token', t.tokens.lead, '--dry-run', '--json'], csvIo), csvIo.err.join('\n')).toBe(0);
    expect(JSON.parse(csvIo.out[0] as string).counts).toEqual({ created: records.length - 40, changed: 0, left: 40, bad: 0 });
  });

  it('refuses to submit a plan the server moved away from, and sends nothing', async () => {
    t = await sqliteServer();
    const service = new ImportService(httpReviewServer({ serverUrl: t.url, token: t.tokens.lead }));
    const plan = await service.planImport(CSV, 'csv');
    expect(plan.items.map((i) => i.action)).toEqual(['created', 'created', 'created']);
    expect((await publishLive(t, { entries: live })).status).toBe(200);
    const outcome = await service.submitImport(plan, { skipBadRows: false });
    expect(outcome).toMatchObject({
      status: 'stale',
      differences: [
        'kb/same (en): planned created (new entry), now left (same as live version 1)',
        'kb/moved (en): planned created (new entry), now changed (body, tags differ from live version 1)',
      ],
    });
    expect((await api(t.url, t.tokens.lead, 'GET', '/v1/queue')).json).toEqual({ items: [] });
  });
});
