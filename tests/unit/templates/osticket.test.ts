import { describe, expect, it } from 'vitest';
import { ImportRecordSchema } from '../../../common/knowledge';
import { htmlToMarkdown } from '../../../common/templates/html-to-markdown';
import { convertOsTicketBody } from '../../../common/templates/osticket';
import { extractVariables, renderTemplate } from './compile';
import { validateTemplateBody } from '../../../common/templates/validate-template';
import { convertRecord } from '../../../common/templates/import-formats';

// Fixtures written for these tests in osTicket's format (not copied from osTicket, which is GPL-2.0).
const PLAIN_BODY = 'Hello %{recipient.name.first},\n\nWe got your request #%{ticket.number} about "%{ticket.subject}".\nFrom: %{ticket.name} <%{ticket.email}>\n\n%{signature}';
const HTML_BODY =
  '<h3>Request received</h3><p>Dear %{recipient.name},</p><p>Your request <strong>#%{ticket.number}</strong> is with our <em>billing</em> team&nbsp;&amp; we reply within 2 days.<br>Track it <a href="%{recipient.ticket_link}">here</a> or read <a href="https://help.example/faq?a=1&amp;b=2">the FAQ</a>.</p><ul><li>Keep your number</li><li>Reply to this mail</li></ul><ol><li>first</li><li>second</li></ol><p>5 * 3 = 15 &lt;ok&gt;</p><!-- internal -->';

describe('convertOsTicketBody', () => {
  it('turns %{…} placeholders into Liquid outputs', () => {
    expect(convertOsTicketBody(PLAIN_BODY)).toBe(
      'Hello {{ recipient.name.first }},\n\nWe got your request #{{ ticket.number }} about "{{ ticket.subject }}".\nFrom: {{ ticket.name }} <{{ ticket.email }}>\n\n{{ signature }}',
    );
    expect(convertOsTicketBody('%{a.b.c} %{ spaced.name } %{收件者}')).toBe('{{ a.b.c }} {{ spaced.name }} {{ 收件者 }}');
  });

  it('leaves malformed placeholders as text', () => {
    expect(convertOsTicketBody('see ticket.staff_link}">">#%{ticket.number} and %{} and %{bad name}')).toBe(
      'see ticket.staff_link}">">#{{ ticket.number }} and %{} and %{bad name}',
    );
  });

  it('keeps literal Liquid delimiters in the text literal', () => {
    const converted = convertOsTicketBody('Use {{code}} and {% tags %} as-is, %{ticket.number}');
    expect(validateTemplateBody(converted)).toEqual({ ok: true });
    expect(extractVariables(converted).map((v) => v.name)).toEqual(['ticket.number']);
    const rendered = renderTemplate(converted, { 'ticket.number': '42' });
    expect(rendered.ok && rendered.reply.text).toBe('Use {{code}} and {% tags %} as-is, 42');
  });

  /** The body's two lists, the same in the Markdown and in the plain text it renders to. */
  const LISTS_AS_TEXT = ['- Keep your number', '- Reply to this mail', '', '1. first', '2. second'];

  it('converts HTML bodies to Markdown with placeholders intact', () => {
    expect(convertOsTicketBody(HTML_BODY)).toBe(
      [
        '### Request received',
        '',
        'Dear {{ recipient.name }},',
        '',
        'Your request **#{{ ticket.number }}** is with our *billing* team\u00a0\\& we reply within 2 days.',
        'Track it [here](<{{ recipient.ticket_link }}>) or read [the FAQ](<https://help.example/faq?a=1&b=2>).',
        '',
        ...LISTS_AS_TEXT,
        '',
        '5 \\* 3 = 15 <ok>',
      ].join('\n'),
    );
  });

  it('produces templates that render to clean text and safe HTML', () => {
    const converted = convertOsTicketBody(HTML_BODY);
    const values = { 'recipient.name': 'Ana', 'ticket.number': '881', 'recipient.ticket_link': 'https://desk.example/t/881' };
    expect(extractVariables(converted).map((v) => v.name)).toEqual(['recipient.name', 'ticket.number', 'recipient.ticket_link']);
    const result = renderTemplate(converted, values);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.reply.text).toBe(
      [
        'Request received',
        '',
        'Dear Ana,',
        '',
        'Your request #881 is with our billing team\u00a0& we reply within 2 days.', // &nbsp; kept as U+00A0
        'Track it here (https://desk.example/t/881) or read the FAQ (https://help.example/faq?a=1&b=2).',
        '',
        ...LISTS_AS_TEXT,
        '',
        '5 * 3 = 15 <ok>',
      ].join('\n'),
    );
    expect(result.reply.html).toBe(
      [
        '<h3>Request received</h3>',
        '<p>Dear Ana,</p>',
        '<p>Your request <strong>#881</strong> is with our <em>billing</em> team\u00a0&amp; we reply within 2 days.<br>Track it <a href="https://desk.example/t/881">here</a> or read <a href="https://help.example/faq?a=1&amp;b=2">the FAQ</a>.</p>',
        '<ul>',
        '<li>Keep your number</li>',
        '<li>Reply to this mail</li>',
        '</ul>',
        '<ol>',
        '<li>first</li>',
        '<li>second</li>',
        '</ol>',
        '<p>5 * 3 = 15 &lt;ok&gt;</p>',
        '',
      ].join('\n'),
    );
  });
});

describe('htmlToMarkdown', () => {
  it('drops scripts, styles and unknown tags but keeps their neighbours', () => {
    expect(htmlToMarkdown('<style>p{}</style><p>a<span style="x">b</span><script>alert(1)</script>c</p>')).toBe('abc');
  });

  it('uses the link text alone when it equals the target and keeps image alt text', () => {
    expect(htmlToMarkdown('<p><a href="https://x.example">https://x.example</a> <img src="y.png" alt="logo"></p>')).toBe(
      'https://x.example logo',
    );
  });
});

describe('convertRecord(osticket)', () => {
  it('marks the record as a template and converts its body and title, keeping the rest', () => {
    const record = ImportRecordSchema.parse({
      id: 'osticket/canned/2',
      locale: 'en-US',
      title: 'Re: %{ticket.subject}',
      body: '<p>Hi %{ticket.name.first},</p>',
      url_or_path: 'include/i18n/en_US/templates/canned/2.yaml',
      tags: ['osticket'],
    });
    expect(convertRecord('osticket', record)).toEqual({
      ...record,
      kind: 'template',
      title: 'Re: [Ticket subject]',
      body: 'Hi {{ ticket.name.first }},',
    });
  });
});
