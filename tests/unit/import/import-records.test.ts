import { describe, expect, it } from 'vitest';
import { readImportRecords } from '../../../common/import-records';

const line = (record: Record<string, unknown>): string => JSON.stringify(record);
const article = (id: string, extra: Record<string, unknown> = {}) => ({ id, locale: 'en', title: `Title ${id}`, body: `Body ${id}`, ...extra });

describe('readImportRecords: the one reader of import and publish', () => {
  it('keeps the first record after a UTF-8 byte-order mark', () => {
    const { records, problems } = readImportRecords(`\ufeff${line(article('a'))}\n${line(article('b'))}\n`);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.line, r.record.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('cuts a tag over its length and drops tags past the limit, with a warning naming the line, and keeps the entry', () => {
    const folder = `Help Centre/${'Orders and delivery/'.repeat(7)}Returns`; // 152 characters, as a real export had
    const many = Array.from({ length: 52 }, (_, i) => `t${i}`);
    const { records, problems, warnings } = readImportRecords(
      [line(article('a', { tags: [folder, 'billing'] })), line(article('b', { tags: many })), line(article('c', { tags: 'x', url_or_path: 'u'.repeat(2001) }))].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(records.map((r) => r.record.tags)).toEqual([[folder.slice(0, 100), 'billing'], many.slice(0, 50), undefined]);
    expect(records[2]?.record.url_or_path).toBeUndefined();
    expect(warnings).toEqual([
      `1: tag "${folder.slice(0, 40)}…" cut to 100 characters`,
      '2: 2 tag(s) past the first 50 dropped',
      '3: url_or_path over 2000 characters left out',
      '3: tags is not a list; left out',
    ]);
  });

  it('never cuts a tag inside a surrogate pair', () => {
    const tag = `${'a'.repeat(99)}😀`; // 101 UTF-16 units: the emoji straddles the limit
    const { records } = readImportRecords(line(article('a', { tags: [tag] })));
    expect(records[0]?.record.tags).toEqual(['a'.repeat(99)]);
  });

  it('rejects only what makes an entry unusable, each with its line', () => {
    const text = [
      '{not json',
      line({ locale: 'en', title: 'no id', body: '' }),
      line(article('no-title', { title: '' })),
      line(article('lone', { body: 'half a pair \ud800 here' })),
      line(article('nul', { title: 'a\u0000b' })),
      line(article('ok')),
    ].join('\n');
    const { records, problems } = readImportRecords(text);
    expect(records.map((r) => r.record.id)).toEqual(['ok']);
    expect(problems.map((p) => p.replace(/\(.*\)$/, '(…)'))).toEqual([
      '1: not valid JSON (…)',
      '2: id: Invalid input: expected string, received undefined',
      '3: title: Too small: expected string to have >=1 characters',
      '4: body is not well-formed Unicode (…)',
      '5: title contains a NUL character',
    ]);
  });

  it('uses a later line for the same id and locale, and says so', () => {
    const { records, warnings } = readImportRecords([line(article('a')), line(article('a', { title: 'Newer' }))].join('\n'));
    expect(records.map((r) => [r.line, r.record.title])).toEqual([[2, 'Newer']]);
    expect(warnings).toEqual(['2: duplicate of line 1 (id "a", locale en); this later line is used']);
  });

  it('stores locales as en-US whichever way the file spells them', () => {
    const { records } = readImportRecords(line(article('a', { locale: 'en_us' })));
    expect(records[0]?.record.locale).toBe('en-US');
  });

  it('converts osTicket placeholders in titles and bodies, and refuses templates still holding foreign placeholders', () => {
    const osticket = line({ id: 'ost/1', locale: 'en-US', title: 'Re: %{ticket.subject}', body: 'Hi %{recipient.name.first},\nTicket #%{ticket.number}' });
    const converted = readImportRecords(osticket, { format: 'osticket' });
    expect(converted.problems).toEqual([]);
    expect(converted.records[0]?.record).toMatchObject({
      kind: 'template',
      title: 'Re: [Ticket subject]',
      body: 'Hi {{ recipient.name.first }},\nTicket #{{ ticket.number }}',
    });

    const raw = readImportRecords(
      [
        osticket,
        line({ id: 'zd/1', locale: 'en', title: 'Greeting', body: 'Hello\n\n{{dc.greeting}}' }),
        line({ id: 'hb/1', locale: 'en', title: 'Loop', body: '{{#if ticket.vip}}VIP{{/if}}' }),
        line({ id: 'art/1', locale: 'en', kind: 'article', title: 'Printf', body: 'Use %{ticket.number} in osTicket' }),
      ].join('\n'),
      { defaultKind: 'template' },
    );
    expect(raw.records.map((r) => r.record.id)).toEqual(['art/1']); // articles are never rendered
    expect(raw.problems).toEqual([
      '1: title line 1 holds %{ticket.subject}: an osTicket placeholder; import it with --format osticket',
      '2: body line 3 holds {{dc.greeting}}: Zendesk dynamic content, which only Zendesk can fill; replace it with its text',
      expect.stringMatching(/^3: template "hb\/1" \(en\) does not parse: /),
    ]);
  });

  it('converts Zendesk macros: the usual placeholders to Cuecard names, titles to [Field] markers, HTML to Markdown', () => {
    const macro = line({
      id: 'zd/refund',
      locale: 'en',
      title: 'Refund for {{ticket.id}}',
      body: '<p>Hi {{ticket.requester.first_name | capitalize}},</p><p>Ticket {{ticket.id}} by {{current_user.first_name}} about {{ticket.custom_field_360}}</p>',
    });
    const { records, problems } = readImportRecords(macro, { format: 'zendesk' });
    expect(problems).toEqual([]);
    expect(records[0]?.record).toMatchObject({
      kind: 'template',
      title: 'Refund for [Ticket number]',
      body: 'Hi {{ customer.first_name | capitalize }},\n\nTicket {{ ticket.number }} by {{ agent.first_name }} about {{ ticket.custom_field_360 }}',
    });
  });
});
