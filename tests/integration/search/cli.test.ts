/** The import and search CLI commands against a real data dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as runImport } from '../../../main/cli/commands/import';
import { run as runSearch } from '../../../main/cli/commands/search';
import { UsageError } from '../../../common/cli/args';
import { EXCERPT_FILE } from '../../unit/search/helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l: string) => void out.push(l), stderr: (l: string) => void err.push(l) }, out, err };
}

describe('cli import/search', () => {
  it('imports, skips bad lines with their numbers, re-imports in place and answers batch queries', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cuecard-cli-'));
    dirs.push(dir);
    const file = path.join(dir, 'in.ndjson');
    const good = fs.readFileSync(EXCERPT_FILE, 'utf8').split('\n').filter(Boolean);
    fs.writeFileSync(file, [good[0], '{not json', JSON.stringify({ id: 'x', locale: 'en' }), ...good.slice(1)].join('\n'));
    const dataDir = path.join(dir, 'data');

    const a = capture();
    expect(await runImport([file, '--data-dir', dataDir], a.io)).toBe(0);
    expect(a.err).toEqual([
      `${file}:2: not valid JSON (Expected property name or '}' in JSON at position 1)`,
      `${file}:3: title: Invalid input: expected string, received undefined`,
      `updating the search index in ${dataDir}…`,
    ]);
    expect(a.out).toEqual([`imported ${good.length} record(s) from ${file} into ${dataDir}: ${good.length} new, 0 updated, 0 unchanged; 2 bad line(s) skipped`]);

    const changed = JSON.parse(good[0] as string) as { title: string };
    changed.title = 'Totally new title';
    fs.writeFileSync(file, [JSON.stringify(changed), ...good.slice(1)].join('\n'));
    const b = capture();
    expect(await runImport([file, '--data-dir', dataDir, '--kind', 'template'], b.io)).toBe(0);
    // The kind changed for all of them, so every record is an update.
    expect(b.out).toEqual([`imported ${good.length} record(s) from ${file} into ${dataDir}: 0 new, ${good.length} updated, 0 unchanged; 0 bad line(s) skipped`]);

    const queries = path.join(dir, 'q.jsonl');
    fs.writeFileSync(queries, '{"q":"totally new"}\nnot json\n{"q":"password","locale":"fr"}\n');
    const c = capture();
    expect(await runSearch(['--queries', queries, '--data-dir', dataDir, '--limit', '3'], c.io)).toBe(0);
    expect(c.out).toHaveLength(3);
    const [first, bad, third] = c.out.map((l) => JSON.parse(l));
    expect(first.q).toBe('totally new');
    expect(first.results[0]).toMatchObject({ title: 'Totally new title', kind: 'template' });
    expect(Object.keys(first.results[0]).sort()).toEqual(['id', 'kind', 'locale', 'score', 'title']);
    expect(bad).toEqual({ q: null, error: 'Unexpected token \'o\', "not json" is not valid JSON', results: [] });
    expect(c.err).toEqual(['line 2: Unexpected token \'o\', "not json" is not valid JSON']);
    // The query's own locale and the --limit are honoured.
    expect(third.q).toBe('password');
    expect(third.results.map((r: { id: string; locale: string }) => [r.id, r.locale])).toEqual([
      ['gnome-help/user-changepassword', 'fr'],
      ['gnome-help/user-goodpassword', 'fr'],
      ['gnome-help/user-add', 'fr'],
    ]);

    const d = capture();
    expect(await runSearch(['changer mot de pase', '--data-dir', dataDir, '--locale', 'fr', '--json'], d.io)).toBe(0);
    const single = JSON.parse(d.out[0] as string);
    expect(single.results[0].id).toBe('gnome-help/user-changepassword');
  });

  it('rejects bad usage and unsupported formats', async () => {
    await expect(runSearch([], capture().io)).rejects.toThrow(new UsageError('search needs "<query>" or --queries <file.jsonl>'));
    await expect(runImport(['f.ndjson', '--kind', 'faq'], capture().io)).rejects.toThrow(/--kind/);
    await expect(runImport(['f.ndjson', '--format', 'xlsx'], capture().io)).rejects.toThrow('--format must be cuecard, csv, osticket, zendesk');
  });
});
