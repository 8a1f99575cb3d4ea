import { describe, expect, it, vi } from 'vitest';
import type { KnowledgeEntry } from '../../../common/knowledge';
import * as compiler from '../../../common/templates/render-template';
import { TemplateService } from '../../../main/templates/template-service';

function entry(overrides: Partial<KnowledgeEntry>): KnowledgeEntry {
  return {
    id: 'refund-sent',
    locale: 'en',
    kind: 'template',
    title: 'Refund sent',
    body: 'Hi {{ customer.first_name | default: "there" }}, your refund of {{ refund.amount }} is on its way.',
    tags: [],
    urlOrPath: null,
    version: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
    approvedBy: null,
    approvedAt: null,
    reviewState: 'approved',
    ...overrides,
  };
}

describe('TemplateService', () => {
  it('prepares the form fields of a template', () => {
    const service = new TemplateService();
    expect(service.prepare(entry({}))).toEqual({
      ok: true,
      variables: [
        { name: 'customer.first_name', label: 'Customer first name', type: 'text', defaultValue: 'there' },
        { name: 'refund.amount', label: 'Refund amount', type: 'amount', defaultValue: null },
      ],
    });
  });

  it('reports a broken template at prepare and at render', () => {
    const service = new TemplateService();
    const broken = entry({ body: 'Hi {% if x %}' });
    expect(service.prepare(broken)).toEqual({ ok: false, message: 'tag {% if x %} not closed (line 1, column 4)' });
    expect(service.render(broken, {})).toEqual({
      ok: false,
      message: 'This template has an error: tag {% if x %} not closed (line 1, column 4)',
      missing: [],
    });
  });

  it('renders templates with values', () => {
    const service = new TemplateService();
    expect(service.render(entry({}), { 'refund.amount': '€20' })).toEqual({
      ok: true,
      reply: { text: 'Hi there, your refund of €20 is on its way.', html: null },
    });
  });

  it('renders articles as their Markdown body without variables, even if it contains braces', () => {
    const service = new TemplateService();
    const article = entry({ kind: 'article', body: '## Reset\n\n1. Open **Settings**\n2. Type {{ not a variable }}' });
    expect(service.prepare(article)).toEqual({ ok: true, variables: [] });
    expect(service.render(article, {})).toEqual({
      ok: true,
      reply: {
        text: 'Reset\n\n1. Open Settings\n2. Type {{ not a variable }}',
        html: '<h2>Reset</h2>\n<ol>\n<li>Open <strong>Settings</strong></li>\n<li>Type {{ not a variable }}</li>\n</ol>\n',
      },
    });
  });

  it('parses each (id, locale, version) once and re-parses a new version', () => {
    const spy = vi.spyOn(compiler, 'compileTemplate');
    const service = new TemplateService();
    const v1 = entry({});
    for (let i = 0; i < 20; i++) service.render(v1, { 'refund.amount': `${i}` });
    service.prepare(v1);
    expect(spy).toHaveBeenCalledTimes(1);
    const v2 = entry({ version: 2, body: 'New {{ refund.amount }}' });
    expect(service.render(v2, { 'refund.amount': '5' })).toEqual({ ok: true, reply: { text: 'New 5', html: null } });
    expect(service.render(entry({ locale: 'de' }), { 'refund.amount': '5' }).ok).toBe(true);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });

  it('evicts the least recently used templates beyond its cache size', () => {
    const spy = vi.spyOn(compiler, 'compileTemplate');
    const service = new TemplateService({ cacheSize: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((id) => entry({ id }));
    service.prepare(a!);
    service.prepare(b!);
    service.prepare(a!); // a is now the most recent
    service.prepare(c!); // evicts b
    service.prepare(a!);
    expect(spy).toHaveBeenCalledTimes(3);
    service.prepare(b!);
    expect(spy).toHaveBeenCalledTimes(4);
    spy.mockRestore();
  });
});
