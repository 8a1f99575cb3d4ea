/**
 * The public help centre's content (issue #17): live articles tagged with the FAQ tag (`faq`
 * unless the server was started with another), per locale, from the same index, bodies and
 * locale chain as the bots' answers and the agents' overlay. Nothing else: templates, untagged
 * articles and entries' internal fields never reach a page.
 */
import { canonicalLocale, localeChain } from '../../common/locale';
import type { AnswerIndex } from '../answers/answer-index';
import type { BodyRenderer } from '../answers/answer-body';
import type { CatalogEntry } from '../answers/entry-catalog';
import { articlePage, homePage, localePage, notFoundPage, sitemapXml, type ArticleLink } from './faq-html';

const SEARCH_RESULTS = 20;
const FALLBACK_LOCALES = ['en'];

export type FaqPage = { status: 200 | 404; html: string };

const byTitle = (a: ArticleLink, b: ArticleLink) => a.title.localeCompare(b.title, a.locale) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class FaqSite {
  /** FAQ articles per locale, rebuilt when the index applied a change since. */
  private lists: { seq: number; byLocale: Map<string, CatalogEntry[]> } | null = null;

  constructor(
    private readonly index: AnswerIndex,
    private readonly bodies: BodyRenderer,
    readonly tag: string,
  ) {}

  /** The index's seq: pages built from an older one are stale. */
  get seq(): number {
    return this.index.seq;
  }

  home(): FaqPage {
    const locales = [...this.articlesByLocale().entries()].map(([locale, list]) => ({ locale, count: list.length }));
    return { status: 200, html: homePage(locales) };
  }

  locale(raw: string, q: string | null): FaqPage {
    const locale = canonicalLocale(raw);
    const articles = this.articlesByLocale().get(locale);
    if (!articles) return this.localeNotFound(locale);
    if (q === null) return { status: 200, html: localePage(locale, articles, null) };
    const hits = this.index.search({ query: q, locale, fallbackLocales: FALLBACK_LOCALES, kind: 'article', tags: [this.tag], limit: SEARCH_RESULTS });
    const results = hits.flatMap((h) => {
      const found = this.index.catalog.get(h.id, h.locale);
      return found ? [linkOf(found)] : [];
    });
    const fallbacks = [...new Set(results.filter((r) => r.locale !== locale).map((r) => r.locale))];
    const notice = fallbacks.length > 0 ? `Some results are in another language (${fallbacks.join(', ')}).` : null;
    return { status: 200, html: localePage(locale, articles, { q, results, notice }) };
  }

  article(raw: string, id: string): FaqPage {
    const locale = canonicalLocale(raw);
    const variants = this.index.catalog.variants(id).filter((v) => this.isFaq(v));
    const entry = variants.some((v) => v.locale === locale) ? this.index.get(id, locale) : undefined;
    if (!entry) {
      const message = variants.length > 0 ? `This article is not available in “${locale}”. Read it in another language:` : 'There is no such article.';
      return { status: 404, html: notFoundPage(message, variants.map(linkOf).sort(byTitle)) };
    }
    const alternates = variants.filter((v) => v.locale !== locale).map(linkOf);
    const body = this.bodies.render(entry);
    return {
      status: 200,
      html: articlePage({ ...linkOf(entry), html: body.html, version: entry.version, approvedAt: entry.approvedAt, approvedBy: entry.approvedBy, alternates }),
    };
  }

  sitemap(base: string): string {
    const articles = [...this.articlesByLocale().values()].flat().map((a) => ({
      ...linkOf(a),
      approvedAt: a.approvedAt,
      alternates: this.index.catalog.variants(a.id).filter((v) => v.locale !== a.locale && this.isFaq(v)).map(linkOf),
    }));
    return sitemapXml(base, articles);
  }

  private localeNotFound(locale: string): FaqPage {
    const held = [...this.articlesByLocale().keys()];
    const chain = localeChain(locale, FALLBACK_LOCALES, held).filter((l) => held.includes(l));
    const message = chain.length > 0 ? `There are no articles in “${locale}”. The nearest languages are listed below.` : 'There are no articles in this language.';
    return { status: 404, html: notFoundPage(message, [], chain.length > 0 ? chain : held) };
  }

  private isFaq(entry: Pick<CatalogEntry, 'kind' | 'tags'>): boolean {
    return entry.kind === 'article' && entry.tags.includes(this.tag);
  }

  private articlesByLocale(): Map<string, CatalogEntry[]> {
    if (this.lists?.seq === this.index.seq) return this.lists.byLocale;
    const byLocale = new Map<string, CatalogEntry[]>();
    for (const entry of this.index.catalog.filter((c) => this.isFaq(c))) {
      const list = byLocale.get(entry.locale) ?? [];
      list.push(entry);
      byLocale.set(entry.locale, list);
    }
    for (const list of byLocale.values()) list.sort(byTitle);
    const sorted = new Map([...byLocale.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    this.lists = { seq: this.index.seq, byLocale: sorted };
    return sorted;
  }
}

function linkOf(entry: Pick<CatalogEntry, 'id' | 'locale' | 'title'>): ArticleLink {
  return { id: entry.id, locale: entry.locale, title: entry.title };
}
