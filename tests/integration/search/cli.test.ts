/** The import and search CLI commands against a real data dir. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as runImport } from '../../../main/cli/commands/import';
import { run as runSearch } from '../../../main/cli/commands/search';
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
    expect(a.err.filter((l) => /in\.ndjson:(2|3):/.test(l))).toHaveLength(2);
    expect(a.out.join('\n')).toContain(`${good.length} new, 0 updated, 0 unchanged; 2 bad line`);

    const changed = JSON.parse(good[0] as string) as { title: string };
    changed.title = 'Totally new title';
    fs.writeFileSync(file, [JSON.stringify(changed), ...good.slice(1)].join('\n'));
    const b = capture();
    expect(await runImport([file, '--data-dir', dataDir, '--kind', 'template'], b.io)).toBe(0);
    expect(b.out.join('\n')).toContain(`0 new, ${good.length} updated`); // kind changed for all

    const queries = path.join(dir, 'q.jsonl');
    fs.writeFileSync(queries, '{"q":"totally new"}\nnot json\n{"q":"password","locale":"fr"}\n');
    const c = capture();
    expect(await runSearch(['--queries', queries, '--data-dir', dataDir, '--limit', '3'], c.io)).toBe(0);
    expect(c.out).toHaveLength(3);
    const [first, bad, third] = c.out.map((l) => JSON.parse(l));
    expect(first.q).toBe('totally new');
    expect(first.results[0]).toMatchObject({ title: 'Totally new title', kind: 'template' });
    expect(Object.keys(first.results[0]).sort()).toEqual(['id', 'kind', 'locale', 'score', 'title']);
    expect(bad).toMatchObject({ q: null, results: [] });
    expect(third.results.length).toBeGreaterThan(0);

    const d = capture();
    expect(await runSearch(['changer mot de pase', '--data-dir', dataDir, '--locale', 'fr', '--json'], d.io)).toBe(0);
    const single = JSON.parse(d.out[0] as string);
    expect(single.results[0].id).toBe('gnome-help/user-changepassword');
  });

  it('rejects bad usage and unsupported formats', async () => {
    await expect(runSearch([], capture().io)).rejects.toThrow(/needs/);
    await expect(runImport(['f.ndjson', '--kind', 'faq'], capture().io)).rejects.toThrow(/--kind/);
    await expect(runImport(['f.ndjson', '--format', 'csv'], capture().io)).rejects.toThrow(/--format/);
  });
});
