/**
 * The public help centre's routes (issue #17): no token, GET only, HTML under a strict CSP (no
 * script, styles from /faq/faq.css, forms to itself). Each page is built once per index seq and
 * served with a content ETag and `Cache-Control: no-cache`, so a browser revalidates on every
 * load (304 while nothing changed) and an approval shows on the next reload.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EntryIdSchema, LocaleSchema } from '../../common/knowledge';
import { illFormedReason } from '../../common/text/well-formed';
import type { FaqPage, FaqSite } from './faq-site';
import { FAQ_CSS, FAQ_ICON, faqPaths, notFoundPage } from './faq-html';

export const FAQ_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Search text longer than this is cut (the box's maxlength; the bots' limit too). */
const MAX_FAQ_QUERY = 500;
/** Pages kept built per seq (locales × articles of one help centre). */
const CACHE_PAGES = 5000;

interface Built {
  status: number;
  body: string;
  etag: string;
  type: string;
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export function registerFaqRoutes(app: FastifyInstance, site: FaqSite, publicUrl: string | null): void {
  let cache = new Map<string, Built>();
  let cacheSeq = -1;
  const built = (key: string, build: () => { status: number; body: string; type: string }): Built => {
    if (cacheSeq !== site.seq) {
      cache = new Map();
      cacheSeq = site.seq;
    }
    const hit = cache.get(key);
    if (hit) return hit;
    const made = build();
    const page = { ...made, etag: etagOf(made.body) };
    if (cache.size < CACHE_PAGES) cache.set(key, page);
    return page;
  };
  const send = (request: FastifyRequest, reply: FastifyReply, page: Built) => {
    reply
      .header('content-security-policy', FAQ_CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .header('etag', page.etag)
      .type(page.type);
    if (page.status === 200 && request.headers['if-none-match'] === page.etag) return reply.status(304).send();
    return reply.status(page.status).send(page.body);
  };
  const html = (page: FaqPage) => ({ status: page.status, body: page.html, type: 'text/html; charset=utf-8' });
  const missing = () => html({ status: 404, html: notFoundPage('There is no such page.', []) });

  app.get('/faq', async (_request, reply) => reply.redirect(faqPaths.home, 301));
  app.get('/faq/', async (request, reply) => send(request, reply, built('home', () => html(site.home()))));
  app.get(faqPaths.icon, async (request, reply) => send(request, reply, built('icon', () => ({ status: 200, body: FAQ_ICON, type: 'image/svg+xml' }))));
  app.get(faqPaths.style, async (request, reply) => send(request, reply, built('css', () => ({ status: 200, body: FAQ_CSS, type: 'text/css; charset=utf-8' }))));

  app.get('/faq/sitemap.xml', async (request, reply) => {
    const base = publicUrl ?? requestOrigin(request);
    return send(request, reply, built(`sitemap\u0000${base}`, () => ({ status: 200, body: site.sitemap(base), type: 'application/xml; charset=utf-8' })));
  });

  app.get<{ Params: { locale: string }; Querystring: { q?: unknown } }>('/faq/:locale/', async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return send(request, reply, built('missing', missing));
    const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, MAX_FAQ_QUERY) : '';
    if (q !== '' && illFormedReason(q) === null) {
      const results = html(site.locale(locale, q));
      return send(request, reply, { ...results, etag: etagOf(results.body) });
    }
    return send(request, reply, built(`locale\u0000${locale}`, () => html(site.locale(locale, null))));
  });

  app.get<{ Params: { locale: string; id: string } }>('/faq/:locale/:id', async (request, reply) => {
    const { locale, id } = request.params;
    if (!isLocale(locale) || !EntryIdSchema.safeParse(id).success || illFormedReason(id) !== null) return send(request, reply, built('missing', missing));
    return send(request, reply, built(`article\u0000${locale}\u0000${id}`, () => html(site.article(locale, id))));
  });
}

function isLocale(tag: string): boolean {
  return LocaleSchema.safeParse(tag).success && illFormedReason(tag) === null;
}

/** The sitemap's origin when no public URL was configured: the request's, if it is a plain host. */
function requestOrigin(request: FastifyRequest): string {
  const scheme = request.protocol === 'https' ? 'https' : 'http';
  const host = request.host;
  let plain = false;
  if (/^[A-Za-z0-9.:[\]-]{1,300}$/.test(host)) {
    try {
      plain = new URL(`${scheme}://${host}/`).host === host.toLowerCase();
    } catch {
      plain = false;
    }
  }
  return `${scheme}://${plain ? host.toLowerCase() : 'localhost'}`;
}
