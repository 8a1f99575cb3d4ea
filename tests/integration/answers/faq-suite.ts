/**
 * The public FAQ over HTTP (issue #17): what is served, what is not, headers, ETags, sitemap, the
 * per-address rate limit. Run on each engine (faq-pages.test.ts on SQLite,
 * tests/integration/server/answers-postgres.pg-test.ts).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAQ_CONTENT_SECURITY_POLICY } from '../../../server/faq/faq-routes';
import { article, publishLive, type ServerFactory, type TestServer } from '../server/test-server';

/** The hrefs of the links inside `<main>`, in order. */
function mainLinks(html: string): string[] {
  const main = /<main id="main">([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return [...main.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1] as string);
}

/** A GET sent from `localAddress` (any 127.0.0.0/8 address is loopback on Linux): another client address. */
function getFrom(base: string, localAddress: string, path: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${path}`, { localAddress, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

export function defineFaqSuite(label: string, factory: ServerFactory): void {
  let t: TestServer;

  async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
    const response = await fetch(`${t.url}${path}`, { headers, redirect: 'manual' });
    return { status: response.status, body: await response.text(), headers: response.headers };
  }

  beforeAll(async () => {
    t = await factory();
    const published = await publishLive(t, {
      entries: [
        article('kb/returns', 'en', { title: 'Returning an order', body: 'Returns are accepted within **30 days**.', tags: ['faq', 'public'] }),
        article('kb/returns', 'de', { title: 'Rücksendungen', body: 'Rücksendungen innerhalb von **30 Tagen**.', tags: ['faq'] }),
        article('kb/shipping', 'en', { title: 'Shipping times', body: 'Parcels ship within two days.', tags: ['faq'] }),
        article('kb/internal', 'en', { title: 'Internal returns checklist', body: 'Check the returns ledger.', tags: ['internal'] }),
        { id: 'reply/returns', locale: 'en', kind: 'template', title: 'Returns reply', body: 'Hi {{ name }}, returns are free.', tags: ['faq'] },
      ],
    });
    expect(published.status).toBe(200);
    await t.server.answers.catchUp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe(`public FAQ pages on ${label}`, () => {
    it('links every locale from /faq/, and lists a locale’s articles as links on /faq/<locale>/', async () => {
      const home = await get('/faq/');
      expect(home.status).toBe(200);
      expect(mainLinks(home.body)).toEqual(['/faq/de/', '/faq/en/']);
      const en = await get('/faq/en/');
      expect(en.status).toBe(200);
      // Articles tagged faq only: neither the untagged article nor the template (a reply, not an article).
      expect(mainLinks(en.body)).toEqual(['/faq/en/kb%2Freturns', '/faq/en/kb%2Fshipping']);
      expect(en.body).toContain('<html lang="en">');
      expect((await get('/faq')).headers.get('location')).toBe('/faq/');
    });

    it('serves an article with its approval date, hreflang alternates and sanitised body', async () => {
      const page = await get('/faq/en/kb%2Freturns');
      expect(page.status).toBe(200);
      expect(page.body).toContain('<h1>Returning an order</h1>');
      expect(page.body).toContain('<p>Returns are accepted within <strong>30 days</strong>.</p>');
      expect(page.body).toContain('<link rel="alternate" hreflang="en" href="/faq/en/kb%2Freturns">');
      expect(page.body).toContain('<link rel="alternate" hreflang="de" href="/faq/de/kb%2Freturns">');
      expect(page.body).toMatch(/<p class="approval">Approved on <time datetime="\d{4}-\d\d-\d\dT[^"]+">[^<]+<\/time> \(version 1\)<\/p>/);
      expect(page.body).toContain('<a href="/faq/de/kb%2Freturns" hreflang="de" lang="de">Deutsch: Rücksendungen</a>');
    });

    it('sends a strict CSP, no-cache and an ETag that answers 304 until the article changes', async () => {
      const first = await get('/faq/en/kb%2Fshipping');
      expect(first.headers.get('content-security-policy')).toBe(FAQ_CONTENT_SECURITY_POLICY);
      expect(FAQ_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect((await get('/faq/en/kb%2Fshipping', { 'if-none-match': etag })).status).toBe(304);

      await publishLive(t, article('kb/shipping', 'en', { title: 'Shipping times', body: 'Parcels ship the same day.', tags: ['faq'] }));
      await t.server.answers.catchUp();
      const changed = await get('/faq/en/kb%2Fshipping', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.body).toContain('<p>Parcels ship the same day.</p>');
      expect(changed.body).toContain('(version 2)');
      expect(changed.headers.get('etag')).not.toBe(etag);
    });

    it('searches server-side with the same engine, FAQ articles only', async () => {
      const page = await get('/faq/en/?q=returns');
      expect(page.status).toBe(200);
      const results = /<section aria-labelledby="results-heading">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? '';
      expect([...results.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/faq/en/kb%2Freturns']);
      expect(page.body).toContain('<input id="faq-q" type="search" name="q" maxlength="500" value="returns">');
      const hostile = await get(`/faq/en/?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
      expect(hostile.body).not.toContain('<script>');
      expect(hostile.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    });

    it('cuts a search longer than the box allows to its 500 characters, and ranks only those', async () => {
      const long = `returns ${'x'.repeat(600)}`;
      const page = await get(`/faq/en/?q=${encodeURIComponent(long)}`);
      expect(page.status).toBe(200);
      const cut = long.slice(0, 500);
      expect(page.body).toContain(`<input id="faq-q" type="search" name="q" maxlength="500" value="${cut}">`);
      expect(page.body).toContain(`<h2 id="results-heading">Results for “${cut}”</h2>`);
      const results = /<section aria-labelledby="results-heading">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? '';
      expect([...results.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual(['/faq/en/kb%2Freturns']);
    });

    it('exposes nothing else: templates, untagged articles, unknown locales and other paths are 404 pages', async () => {
      for (const path of ['/faq/en/reply%2Freturns', '/faq/en/kb%2Finternal', '/faq/fr/kb%2Freturns', '/faq/en/nothing', '/faq/not a locale/']) {
        const page = await get(path);
        expect(page.status, path).toBe(404);
        expect(page.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
        expect(page.body, path).not.toContain('Check the returns ledger');
      }
      const fr = await get('/faq/fr/');
      expect(fr.body).toContain('There are no articles in “fr”. The nearest languages are listed below.');
      expect(mainLinks(fr.body)).toEqual(['/faq/en/']);
      const missingVariant = await get('/faq/fr/kb%2Freturns');
      expect(mainLinks(missingVariant.body)).toEqual(['/faq/en/kb%2Freturns', '/faq/de/kb%2Freturns']);
    });

    it('has a sitemap of every article with its alternates', async () => {
      const sitemap = await get('/faq/sitemap.xml');
      expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      const locs = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      expect(locs).toEqual([`${t.url}/faq/de/kb%2Freturns`, `${t.url}/faq/en/kb%2Freturns`, `${t.url}/faq/en/kb%2Fshipping`]);
      expect(sitemap.body).toContain(`<xhtml:link rel="alternate" hreflang="de" href="${t.url}/faq/de/kb%2Freturns"/>`);
      const forged = await get('/faq/sitemap.xml', { host: 'evil.example"><x' });
      expect(forged.body).not.toContain('evil.example');
    });
  });

  describe(`the FAQ's per-address rate limit on ${label}`, () => {
    let limited: TestServer;
    beforeAll(async () => {
      limited = await factory({ limits: { faqRequestsPerAddressPerWindow: 3, faqWindowMs: 60_000 } });
    });
    afterAll(async () => {
      await limited.close();
    });

    it('answers 429 with Retry-After to an address past its limit, and serves other addresses and the API as before', async () => {
      const from = (address: string, path: string) => getFrom(limited.url, address, path);
      const statuses: number[] = [];
      for (const path of ['/faq/', '/faq/faq.css', '/faq/en/', '/faq/', '/faq/sitemap.xml']) statuses.push((await from('127.0.0.1', path)).status);
      expect(statuses).toEqual([200, 200, 404, 429, 429]);
      const refused = await from('127.0.0.1', '/faq/en/?q=returns');
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(refused.headers['content-security-policy']).toBe(FAQ_CONTENT_SECURITY_POLICY);
      expect(refused.headers['cache-control']).toBe('no-store');
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body).toContain(`<p>Too many pages were asked for from your address. Try again in ${retryAfter} ${retryAfter === 1 ? 'second' : 'seconds'}.</p>`);
      // Another address has its own count; the API's routes are not counted against the FAQ's.
      expect((await from('127.0.0.2', '/faq/')).status).toBe(200);
      expect((await from('127.0.0.1', '/healthz')).status).toBe(200);
      expect((await from('127.0.0.2', '/faq/faq.css')).status).toBe(200);
    });
  });
}
