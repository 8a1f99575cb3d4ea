/**
 * The public FAQ's pages as HTML strings: plain, accessible documents (one h1, landmarks, a skip
 * link, labelled search, `lang` on every piece of text in another language, hreflang alternates),
 * no script at all (the CSP in faq-routes.ts forbids it). Every value is escaped here; article
 * bodies arrive as sanitised HTML from the one Markdown function (server/answers/answer-body.ts).
 */
import { escapeHtml } from '../../common/text/html-entities';

export interface ArticleLink {
  id: string;
  locale: string;
  title: string;
}

export interface ArticleView extends ArticleLink {
  /** Sanitised HTML of the body. */
  html: string;
  version: number;
  approvedAt: string | null;
  approvedBy: string | null;
  /** Other locales this article exists in. */
  alternates: ArticleLink[];
}

/** The URL of a locale's list, an article, and the sitemap (paths; the sitemap makes them absolute). */
export const faqPaths = {
  home: '/faq/',
  locale: (locale: string) => `/faq/${encodeURIComponent(locale)}/`,
  article: (locale: string, id: string) => `/faq/${encodeURIComponent(locale)}/${encodeURIComponent(id)}`,
  style: '/faq/faq.css',
  icon: '/faq/favicon.svg',
  sitemap: '/faq/sitemap.xml',
};

/** `français` for `fr`, in its own language; the tag itself when ICU does not know it. */
export function localeName(locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

function approvalDate(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
  } catch {
    return iso.slice(0, 10);
  }
}

const e = escapeHtml;

function page(options: { lang: string; title: string; head?: string; search?: { locale: string; q: string }; breadcrumb: string; main: string }): string {
  const search = options.search
    ? `<form role="search" action="${e(faqPaths.locale(options.search.locale))}" method="get">
<label for="faq-q">Search the help centre</label>
<input id="faq-q" type="search" name="q" maxlength="500" value="${e(options.search.q)}">
<button type="submit">Search</button>
</form>`
    : '';
  return `<!doctype html>
<html lang="${e(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(options.title)}</title>
<link rel="stylesheet" href="${faqPaths.style}">
<link rel="icon" href="${faqPaths.icon}" type="image/svg+xml">
${options.head ?? ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<nav aria-label="Breadcrumb">${options.breadcrumb}</nav>
${search}
</header>
<main id="main">
${options.main}
</main>
</body>
</html>
`;
}

function crumbs(...links: Array<{ href: string; label: string; lang?: string } | null>): string {
  const items = links.filter((l) => l !== null).map((l, i, all) => {
    const lang = l.lang ? ` lang="${e(l.lang)}"` : '';
    const current = i === all.length - 1 ? ' aria-current="page"' : '';
    return `<li><a href="${e(l.href)}"${lang}${current}>${e(l.label)}</a></li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

function articleList(articles: readonly ArticleLink[], pageLocale: string): string {
  if (articles.length === 0) return '<p>No articles.</p>';
  const items = articles.map((a) => {
    const lang = a.locale === pageLocale ? '' : ` lang="${e(a.locale)}" hreflang="${e(a.locale)}"`;
    return `<li><a href="${e(faqPaths.article(a.locale, a.id))}"${lang}>${e(a.title)}</a></li>`;
  });
  return `<ul class="articles">\n${items.join('\n')}\n</ul>`;
}

export function homePage(locales: ReadonlyArray<{ locale: string; count: number }>): string {
  const items = locales.map(
    ({ locale, count }) =>
      `<li><a href="${e(faqPaths.locale(locale))}" hreflang="${e(locale)}" lang="${e(locale)}">${e(localeName(locale))}</a> <span>(${count})</span></li>`,
  );
  return page({
    lang: 'en',
    title: 'Help centre',
    breadcrumb: crumbs({ href: faqPaths.home, label: 'Help centre' }),
    main: `<h1>Help centre</h1>\n<h2>Languages</h2>\n${items.length > 0 ? `<ul class="locales">\n${items.join('\n')}\n</ul>` : '<p>No articles yet.</p>'}`,
  });
}

export function localePage(locale: string, articles: readonly ArticleLink[], search: { q: string; results: readonly ArticleLink[]; notice: string | null } | null): string {
  const name = localeName(locale);
  const results = search
    ? `<section aria-labelledby="results-heading">
<h2 id="results-heading">Results for “${e(search.q)}”</h2>
${search.notice ? `<p class="notice">${e(search.notice)}</p>\n` : ''}${search.results.length > 0 ? articleList(search.results, locale) : '<p>No article matches.</p>'}
</section>\n`
    : '';
  return page({
    lang: locale,
    title: search ? `${search.q} — ${name} — Help centre` : `${name} — Help centre`,
    search: { locale, q: search?.q ?? '' },
    breadcrumb: crumbs({ href: faqPaths.home, label: 'Help centre', lang: 'en' }, { href: faqPaths.locale(locale), label: name }),
    main: `<h1>${e(name)}</h1>\n${results}<section aria-labelledby="all-heading">\n<h2 id="all-heading">All articles</h2>\n${articleList(articles, locale)}\n</section>`,
  });
}

export function articlePage(article: ArticleView): string {
  const alternates = article.alternates
    .map((a) => `<link rel="alternate" hreflang="${e(a.locale)}" href="${e(faqPaths.article(a.locale, a.id))}">`)
    .join('\n');
  const selfAlternate = `<link rel="alternate" hreflang="${e(article.locale)}" href="${e(faqPaths.article(article.locale, article.id))}">`;
  const approval = article.approvedAt
    ? `<p class="approval">Approved on <time datetime="${e(article.approvedAt)}">${e(approvalDate(article.approvedAt, article.locale))}</time> (version ${article.version})</p>`
    : `<p class="approval">Version ${article.version}</p>`;
  const others =
    article.alternates.length > 0
      ? `<nav aria-labelledby="languages-heading">
<h2 id="languages-heading">Other languages</h2>
<ul class="alternates">
${article.alternates.map((a) => `<li><a href="${e(faqPaths.article(a.locale, a.id))}" hreflang="${e(a.locale)}" lang="${e(a.locale)}">${e(localeName(a.locale))}: ${e(a.title)}</a></li>`).join('\n')}
</ul>
</nav>`
      : '';
  return page({
    lang: article.locale,
    title: `${article.title} — Help centre`,
    head: `${selfAlternate}\n${alternates ? `${alternates}\n` : ''}`,
    search: { locale: article.locale, q: '' },
    breadcrumb: crumbs(
      { href: faqPaths.home, label: 'Help centre', lang: 'en' },
      { href: faqPaths.locale(article.locale), label: localeName(article.locale) },
      { href: faqPaths.article(article.locale, article.id), label: article.title },
    ),
    main: `<article>
<h1>${e(article.title)}</h1>
${approval}
<div class="body">
${demoteHeadings(article.html)}
</div>
</article>
${others}`,
  });
}

/**
 * The body's headings one level down (h1 → h2 … h5 → h6), so the article's title stays the page's
 * only h1 and the outline holds. Applied to the sanitiser's output, whose tags carry no attributes.
 */
export function demoteHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-5])>/g, (_tag, close: string, level: string) => `<${close}h${Number(level) + 1}>`);
}

/** A 404 page: what is missing, then the articles or the locales (nearest first) to go to instead. */
export function notFoundPage(message: string, links: readonly ArticleLink[], locales: readonly string[] = []): string {
  const localeLinks = locales.map((l) => `<li><a href="${e(faqPaths.locale(l))}" hreflang="${e(l)}" lang="${e(l)}">${e(localeName(l))}</a></li>`);
  const next =
    links.length > 0
      ? articleList(links, 'en')
      : localeLinks.length > 0
        ? `<ul class="locales">\n${localeLinks.join('\n')}\n</ul>`
        : `<p><a href="${faqPaths.home}">All languages</a></p>`;
  return page({
    lang: 'en',
    title: 'Not found — Help centre',
    breadcrumb: crumbs({ href: faqPaths.home, label: 'Help centre' }),
    main: `<h1>Not found</h1>\n<p>${e(message)}</p>\n${next}`,
  });
}

/** A 429 page: this address asked for too many pages; when it may ask again. */
export function tooManyRequestsPage(retryAfterSeconds: number): string {
  return page({
    lang: 'en',
    title: 'Too many requests — Help centre',
    breadcrumb: crumbs({ href: faqPaths.home, label: 'Help centre' }),
    main: `<h1>Too many requests</h1>\n<p>Too many pages were asked for from your address. Try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}.</p>`,
  });
}

/** The sitemap: every article with its alternates (https://www.sitemaps.org, Google's xhtml:link). */
export function sitemapXml(base: string, articles: ReadonlyArray<ArticleLink & { approvedAt: string | null; alternates: ArticleLink[] }>): string {
  const url = (a: ArticleLink) => e(`${base}${faqPaths.article(a.locale, a.id)}`);
  const entries = articles.map((a) => {
    const links = [a, ...a.alternates].map((alt) => `<xhtml:link rel="alternate" hreflang="${e(alt.locale)}" href="${url(alt)}"/>`).join('');
    const lastmod = a.approvedAt ? `<lastmod>${e(a.approvedAt)}</lastmod>` : '';
    return `<url><loc>${url(a)}</loc>${lastmod}${links}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries.join('\n')}
</urlset>
`;
}

/** A plain mark, so browsers do not ask for /favicon.ico (outside the FAQ: a 404). */
export const FAQ_ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#2f6fdf"/></svg>';

export const FAQ_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { max-width: 46rem; margin: 0 auto; padding: 1rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; }
nav ol { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
nav ol li + li::before { content: "›"; margin-right: .5rem; }
form[role=search] { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: 1rem 0; }
input[type=search] { flex: 1 1 16rem; padding: .4rem; font: inherit; }
button { padding: .4rem .8rem; font: inherit; }
a:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid; outline-offset: 2px; }
.approval { color: GrayText; }
pre { white-space: pre-wrap; }
`;
