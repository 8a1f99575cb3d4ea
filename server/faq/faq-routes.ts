/**
 * The public help centre's routes (issue #17): no token, GET only, HTML under a strict CSP (no
 * script, styles from /faq/faq.css, forms to itself). Each page is built once per index seq and
 * served with a content ETag and `Cache-Control: no-cache`, so a browser revalidates on every
 * load (304 while nothing changed) and an approval shows on the next reload. Each address may
 * make `max` requests per window (@fastify/rate-limit, as the API's limits in auth.ts); beyond
 * that it gets a 429 page with Retry-After, and other addresses are served as before.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { EntryIdSchema, LocaleSchema } from '../../common/knowledge';
import { illFormedReason } from '../../common/text/well-formed';
import type { FaqPage, FaqSite } from './faq-site';
import { retryAfterSeconds } from '../limits';
import { FAQ_CSS, FAQ_ICON, faqPaths, notFoundPage, tooManyRequestsPage } from './faq-html';

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

/** Requests per address per window (ServerLimits.faqRequestsPerAddressPerWindow, faqWindowMs). */
export interface FaqRateLimit {
  max: number;
  windowMs: number;
}

const pageHeaders = (reply: FastifyReply) =>
  reply
    .header('content-security-policy', FAQ_CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');

export function registerFaqRoutes(app: FastifyInstance, site: FaqSite, publicUrl: string | null, rateLimit: FaqRateLimit): void {
  // Needs @fastify/rate-limit registered (auth.ts does, before any route).
  const perAddress = app.createRateLimit({ max: rateLimit.max, timeWindow: rateLimit.windowMs });
  const limited: onRequestAsyncHookHandler = async (request, reply) => {
    const used = await perAddress(request);
    if (used.isAllowed || !used.isExceeded) return;
    const seconds = retryAfterSeconds(used.ttl);
    await pageHeaders(reply)
      .header('cache-control', 'no-store')
      .header('retry-after', String(seconds))
      .type('text/html; charset=utf-8')
      .status(429)
      .send(tooManyRequestsPage(seconds));
  };
  const options = { onRequest: limited };
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
    pageHeaders(reply)
      .header('cache-control', 'no-cache')
      .header('etag', page.etag)
      .type(page.type);
    if (page.status === 200 && request.headers['if-none-match'] === page.etag) return reply.status(304).send();
    return reply.status(page.status).send(page.body);
  };
  const html = (page: FaqPage) => ({ status: page.status, body: page.html, type: 'text/html; charset=utf-8' });
  const missing = () => html({ status: 404, html: notFoundPage('There is no such page.', []) });

  app.get('/faq', options, async (_request, reply) => reply.redirect(faqPaths.home, 301));
  app.get('/faq/', options, async (request, reply) => send(request, reply, built('home', () => html(site.home()))));
  app.get(faqPaths.icon, options, async (request, reply) => send(request, reply, built('icon', () => ({ status: 200, body: FAQ_ICON, type: 'image/svg+xml' }))));
  app.get(faqPaths.style, options, async (request, reply) => send(request, reply, built('css', () => ({ status: 200, body: FAQ_CSS, type: 'text/css; charset=utf-8' }))));

  app.get('/faq/sitemap.xml', options, async (request, reply) => {
    const base = publicUrl ?? requestOrigin(request);
    return send(request, reply, built(`sitemap\u0000${base}`, () => ({ status: 200, body: site.sitemap(base), type: 'application/xml; charset=utf-8' })));
  });

  app.get<{ Params: { locale: string }; Querystring: { q?: unknown } }>('/faq/:locale/', options, async (request, reply) => {
    const { locale } = request.params;
    if (!isLocale(locale)) return send(request, reply, built('missing', missing));
    const q = typeof request.query.q === 'string' ? request.query.q.trim().slice(0, MAX_FAQ_QUERY) : '';
    if (q !== '' && illFormedReason(q) === null) {
      const results = html(site.locale(locale, q));
      return send(request, reply, { ...results, etag: etagOf(results.body) });
    }
    return send(request, reply, built(`locale\u0000${locale}`, () => html(site.locale(locale, null))));
  });

  app.get<{ Params: { locale: string; id: string } }>('/faq/:locale/:id', options, async (request, reply) => {
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
