/** `import` and `publish` read a file the same way: what imports locally also publishes. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { run as runImport } from '../../../main/cli/commands/import';
import { run as publish } from '../../../main/cli/commands/publish';
import { run as search } from '../../../main/cli/commands/search';
import { run as sync } from '../../../main/cli/commands/sync';
import { useTempDirs } from '../../helpers/temp-dir';
import { sqliteServer } from '../server/test-server';
import { eachTest } from '../../helpers/each-test';

const tempDir = useTempDirs('cuecard-import-');

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

function file(text: string): string {
  const name = path.join(tempDir(), 'in.ndjson');
  fs.writeFileSync(name, text);
  return name;
}

const LONG_TAG = `Help Centre/${'Orders and delivery/'.repeat(7)}Returns`;
const helpCentre = [
  { id: 'hc/returns', locale: 'en', title: 'Return an item', body: 'Print the label and drop the parcel off.', tags: [LONG_TAG] },
  { id: 'hc/track', locale: 'en', title: 'Track a parcel', body: 'Open the tracking link in your e-mail.', tags: ['orders'] },
];
const osTicket = [
  { id: 'ost/reply', locale: 'en-US', title: 'Re: %{ticket.subject}', body: '<p>Dear %{recipient.name.first},</p><p>Ticket #%{ticket.number} is closed.</p>' },
];
const ndjson = (records: unknown[]): string => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('import', () => {
  it('keeps every article of a help-centre export with a BOM and a long folder tag, warning about the cut tag', async () => {
    const input = file(`\ufeff${ndjson(helpCentre)}`);
    const dataDir = tempDir();
    const io = captureIo();
    expect(await runImport([input, '--data-dir', dataDir], io), io.err.join('\n')).toBe(0);
    expect(io.out).toEqual([`imported 2 record(s) from ${input} into ${dataDir}: 2 new, 0 updated, 0 unchanged; 0 bad line(s) skipped`]);
    expect(io.err[0]).toBe(`warning: ${input}:1: tag "${LONG_TAG.slice(0, 40)}…" cut to 100 characters`);
  });

  it('exits non-zero when it imports nothing (an empty file, or every line bad)', async () => {
    for (const text of ['', '\n\n', '{not json\n{"id":"x"}\n']) {
      const input = file(text);
      const io = captureIo();
      expect(await runImport([input, '--data-dir', tempDir()], io)).toBe(1);
      expect(io.out).toEqual([]);
      const bad = text.startsWith('{') ? 2 : 0;
      expect(io.err.at(-1)).toBe(`error: nothing to import from ${input} (${bad} bad line(s)); nothing was changed`);
    }
  });

  it('refuses an osTicket template imported without --format osticket, naming the line, and converts it with it', async () => {
    const input = file(ndjson(osTicket));
    const dataDir = tempDir();
    const raw = captureIo();
    expect(await runImport([input, '--data-dir', dataDir, '--kind', 'template'], raw)).toBe(1);
    expect(raw.err[0]).toBe(`${input}:1: title line 1 holds %{ticket.subject}: an osTicket placeholder; import it with --format osticket`);

    const io = captureIo();
    expect(await runImport([input, '--data-dir', dataDir, '--format', 'osticket'], io), io.err.join('\n')).toBe(0);
    const found = captureIo();
    expect(await search(['ticket closed', '--data-dir', dataDir, '--locale', 'en_US', '--json'], found)).toBe(0);
    const [hit] = (JSON.parse(found.out[0] as string) as { results: Array<{ id: string; locale: string; title: string }> }).results;
    expect(hit).toMatchObject({ id: 'ost/reply', locale: 'en-US', title: 'Re: [Ticket subject]' });
  });
});

describe('publish', () => {
  const t = eachTest(sqliteServer);

  it('publishes what import keeps (a cut tag) and converts osTicket templates with --format osticket', async () => {
    const articles = file(`\ufeff${ndjson(helpCentre)}`);
    const io = captureIo();
    // An admin's bulk approval, so the agent's sync below receives them (a lead's publish is in review).
    expect(await publish([articles, '--kind', 'article', '--server', t.url, '--token', t.tokens.admin, '--approve'], io), io.err.join('\n')).toBe(0);
    expect(io.out).toEqual([`published 2 article entries from ${articles} in 1 batch(es), approved at once as a bulk import; server at seq 2`]);

    const templates = file(ndjson(osTicket));
    const ost = captureIo();
    expect(await publish([templates, '--format', 'osticket', '--server', t.url, '--token', t.tokens.admin, '--approve'], ost), ost.err.join('\n')).toBe(0);
    expect(ost.out).toEqual([`published 1 template entries from ${templates} in 1 batch(es), approved at once as a bulk import; server at seq 3`]);

    const dataDir = tempDir();
    expect(await sync(['--server', t.url, '--token', t.tokens.agent, '--data-dir', dataDir], captureIo())).toBe(0);
    const found = captureIo();
    expect(await search(['dear ticket', '--data-dir', dataDir, '--locale', 'en-US', '--kind', 'template', '--json'], found)).toBe(0);
    const [hit] = (JSON.parse(found.out[0] as string) as { results: Array<{ title: string; snippet: string }> }).results;
    expect(hit?.title).toBe('Re: [Ticket subject]');
  });
});
