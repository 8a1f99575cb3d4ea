/** CSV files and Zendesk macros exports through the one import reader, hostile ones included. */
import { describe, expect, it } from 'vitest';
import { readImportRecords } from '../../../common/import-records';
import { MAX_CSV_ROW_CHARS } from '../../../common/import/csv-rows';
import { MAX_IMPORT_CHARS, MAX_IMPORT_RECORDS } from '../../../common/import/sources';

const csv = (...rows: string[]): string => rows.join('\r\n') + '\r\n';

describe('CSV import', () => {
  it('reads a BOM, CRLF, quoted multi-line fields, ";"-separated tags and optional columns, numbering rows as a spreadsheet does', () => {
    const text = `\ufeff${csv(
      'ID,Locale,Kind,Title,Body,Tags,url_or_path',
      'kb/refund,fr,article,Remboursement,"Sous 14 jours.\r\nVoir ""Retours"".",billing; refunds ;,https://example.test/r',
      '',
      'tpl/hi,,template,Greeting,"Hi {{ customer.first_name }},\r\n\r\nthanks",,',
    )}`;
    const { records, problems, warnings, readable } = readImportRecords(text, { format: 'csv', defaultLocale: 'de' });
    expect({ problems, warnings, readable }).toEqual({ problems: [], warnings: [], readable: true });
    expect(records).toEqual([
      {
        line: 2,
        at: 'row 2',
        record: { id: 'kb/refund', locale: 'fr', kind: 'article', title: 'Remboursement', body: 'Sous 14 jours.\nVoir "Retours".', tags: ['billing', 'refunds'], url_or_path: 'https://example.test/r' },
      },
      { line: 4, at: 'row 4', record: { id: 'tpl/hi', locale: 'de', kind: 'template', title: 'Greeting', body: 'Hi {{ customer.first_name }},\n\nthanks', tags: [] } },
    ]);
  });

  it('keeps formula-looking cells as text: nothing in a cell is evaluated or rewritten', () => {
    const formula = '=HYPERLINK("http://evil.test","Click")';
    const { records, problems } = readImportRecords(csv('id,title,body,tags', `x,"${formula.replace(/"/g, '""')}",+1+2,@SUM(A1);-3`), { format: 'csv' });
    expect(problems).toEqual([]);
    expect(records[0]?.record).toMatchObject({ title: formula, body: '+1+2', tags: ['@SUM(A1)', '-3'] });
  });

  it('names each bad row with its number and why, and reads the good ones', () => {
    const { records, problems, readable } = readImportRecords(
      csv('id,title,body,kind', 'ok,Fine,Body,article', 'no title,,Body,article', 'extra,T,B,article,surplus', 'k,T,B,recipe', 'lone,T\ud800,B,article', 'nul,T,B\u0000,article'),
      { format: 'csv' },
    );
    expect(readable).toBe(true);
    expect(records.map((r) => r.record.id)).toEqual(['ok']);
    expect(problems).toEqual([
      'row 3: id: must not contain whitespace or control characters',
      'row 4: has 5 field(s); the header has 4 (a comma in a field needs the field in double quotes)',
      expect.stringMatching(/^row 5: kind: /),
      'row 6: title is not well-formed Unicode (it contains a lone surrogate)',
      'row 7: body contains a NUL character',
    ]);
  });

  it('refuses a whole file whose quoting breaks, naming the row and line: the rows after it cannot be trusted', () => {
    const result = readImportRecords(csv('id,title,body', 'a,T,B', 'b,"bad"x,B', 'c,T,B'), { format: 'csv' });
    expect(result).toEqual({
      records: [],
      warnings: [],
      readable: false,
      problems: ['row 3 (line 3): text after a closing double quote (write a quote inside a quoted field as ""); fix the file; the rows after it cannot be read reliably, so none is imported'],
    });
    const unclosed = readImportRecords(csv('id,title,body', 'a,T,"never closed', 'c,T,B'), { format: 'csv' });
    expect(unclosed.problems).toEqual([expect.stringMatching(/^row 2 \(line \d\): a double quote opened here is never closed; /)]);
  });

  it('refuses a 10 MB field by the row limit, by name, without reading on', () => {
    const result = readImportRecords(csv('id,title,body', `a,T,"${'x'.repeat(10 * 1024 * 1024)}"`, 'b,T,B'), { format: 'csv' });
    expect(result.readable).toBe(false);
    expect(result.problems).toEqual([
      `row 2 (line 2): the row is over ${MAX_CSV_ROW_CHARS.toLocaleString('en')} characters (the most one row may hold); fix the file; the rows after it cannot be read reliably, so none is imported`,
    ]);
  });

  it('names the body limit for a row whose body is over it, and reads the other rows', () => {
    const { records, problems } = readImportRecords(csv('id,title,body', `big,T,${'x'.repeat(200_001)}`, 'small,T,B'), { format: 'csv' });
    expect(records.map((r) => r.record.id)).toEqual(['small']);
    expect(problems).toEqual(['row 2: body: Too big: expected string to have <=200000 characters']);
  });

  it('refuses a header with an unknown, repeated or missing column', () => {
    expect(readImportRecords(csv('id,titel,body', 'a,T,B'), { format: 'csv' }).problems).toEqual([
      'row 1 (the header): unknown column "titel" (the columns are id, locale, kind, title, body, tags, url_or_path)',
    ]);
    expect(readImportRecords(csv('id,title,title,body'), { format: 'csv' }).problems).toEqual(['row 1 (the header): column "title" appears twice']);
    expect(readImportRecords(csv('id,title'), { format: 'csv' }).problems).toEqual(['row 1 (the header): missing column(s) body (required: id, title, body)']);
  });

  it('bounds the rows and the characters of one file, naming the limit', () => {
    const rows = ['id,title,body', ...Array.from({ length: MAX_IMPORT_RECORDS + 1 }, (_, i) => `r${i},T,B`)];
    expect(readImportRecords(rows.join('\n'), { format: 'csv' }).problems).toEqual([
      `the file has more than ${MAX_IMPORT_RECORDS.toLocaleString('en')} rows (the most one import takes); split it`,
    ]);
    expect(readImportRecords(' '.repeat(MAX_IMPORT_CHARS + 1), { format: 'csv' }).problems).toEqual([
      `the file is over ${MAX_IMPORT_CHARS.toLocaleString('en')} characters (the most one import takes); split it`,
    ]);
  });
});

const macro = (id: unknown, title: unknown, actions: unknown, extra: Record<string, unknown> = {}) => ({ id, title, active: true, actions, ...extra });

describe('Zendesk macros export', () => {
  it('reads comment_value_html (as Markdown) before comment_value, keeps placeholders as Liquid, tags the category', () => {
    const exported = {
      macros: [
        macro(360001, 'Billing::Refund issued', [
          { field: 'status', value: 'solved' },
          { field: 'comment_value', value: 'plain fallback' },
          { field: 'comment_value_html', value: '<p>Hi {{ticket.requester.first_name}},</p><p>Your <strong>refund</strong> for #{{ticket.id}} is on its way.</p><script>alert(1)</script>' },
        ]),
        macro('42', 'Older format', [{ field: 'comment_value', value: ['channel:all', 'Thanks, {{current_user.first_name}}'] }]),
      ],
      next_page: null,
      count: 2,
    };
    const { records, problems, warnings } = readImportRecords(JSON.stringify(exported, null, 2), { format: 'zendesk', defaultLocale: 'en-GB' });
    expect({ problems, warnings }).toEqual({ problems: [], warnings: [] });
    expect(records).toEqual([
      {
        line: 1,
        at: 'macro 1 (id 360001)',
        record: {
          id: 'zendesk/macro/360001',
          locale: 'en-GB',
          kind: 'template',
          title: 'Billing::Refund issued',
          body: 'Hi {{ customer.first_name }},\n\nYour **refund** for #{{ ticket.number }} is on its way.',
          tags: ['zendesk-macro', 'Billing'],
        },
      },
      { line: 2, at: 'macro 2 (id 42)', record: { id: 'zendesk/macro/42', locale: 'en-GB', kind: 'template', title: 'Older format', body: 'Thanks, {{ agent.first_name }}', tags: ['zendesk-macro'] } },
    ]);
  });

  it('converts HTML safely: scripts dropped, a javascript: link keeps its text only, https and placeholder links stay', () => {
    const html =
      '<p><a href="javascript:alert(1)">click</a> <a href="https://shop.test/help">help</a> <a href="{{ticket.url}}">your ticket</a></p><script>alert(2)</script><img src=x onerror=alert(1) alt="">';
    const { records } = readImportRecords(JSON.stringify({ macros: [macro(9, 'Links', [{ field: 'comment_value_html', value: html }])] }), { format: 'zendesk' });
    expect(records[0]?.record.body).toBe('click [help](<https://shop.test/help>) [your ticket](<{{ ticket.url }}>)');
  });

  it('one macro of the wrong shape is named; the others are read; field-only and inactive macros are left out with a warning', () => {
    const exported = [
      macro({ nested: true }, 'Id is an object', []),
      macro(2, 42, []),
      macro(3, 'Actions not a list', 'comment_value'),
      macro(4, 'Status only', [{ field: 'status', value: 'pending' }, 'not an action', { field: 'comment_value', value: { deep: [1] } }]),
      macro(5, 'Retired', [{ field: 'comment_value', value: 'x' }], { active: false }),
      macro(6, 'Good', [{ field: 'comment_value', value: 'Hello' }]),
      'not a macro',
    ];
    const { records, problems, warnings } = readImportRecords(JSON.stringify(exported), { format: 'zendesk' });
    expect(records.map((r) => r.record.id)).toEqual(['zendesk/macro/6']);
    expect(problems).toEqual([
      'macro 1: id: Invalid input',
      'macro 2 (id 2): title: Invalid input: expected string, received number',
      'macro 3 (id 3): actions: Invalid input: expected array, received string',
      'macro 7: macro: Invalid input: expected object, received string',
    ]);
    expect(warnings).toEqual([
      'macro 4 (id 4): sets ticket fields only (no comment_value or comment_value_html); left out',
      'macro 5 (id 5): inactive in Zendesk; left out',
    ]);
  });

  it('survives deep nesting in a field it does not read, and refuses a broken export as a whole', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = `{"macros":[{"id":1,"title":"Deep","actions":[{"field":"comment_value","value":"ok"}],"restriction":${deep}}]}`;
    expect(readImportRecords(text, { format: 'zendesk' }).records.map((r) => r.record.body)).toEqual(['ok']);
    const broken = readImportRecords('{\n  "macros": [\n', { format: 'zendesk' });
    expect(broken.readable).toBe(false);
    expect(broken.problems).toEqual([expect.stringMatching(/^not a valid Zendesk macros export: /)]);
    expect(readImportRecords('{"count": 3}', { format: 'zendesk' }).records).toEqual([]);
  });

  it('still reads NDJSON macro records under --format zendesk', () => {
    const line = JSON.stringify({ id: 'zd/1', locale: 'en', title: 'Hi', body: 'Hi {{ticket.requester.first_name}}' });
    expect(readImportRecords(line, { format: 'zendesk' }).records[0]?.record.body).toBe('Hi {{ customer.first_name }}');
  });
});
