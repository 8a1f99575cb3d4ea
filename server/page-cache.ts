/**
 * After each poke every live client asks for the same small page (`after` = the previous seq),
 * so the server answers those from memory: one query per commit instead of one per client.
 * Entries are dropped on every new commit (the poke hub tells us, before it pokes clients), and
 * a query that started before a commit never stores its answer after it (generation check),
 * so a cached page is never older than the last poke a client saw. A short TTL bounds the
 * damage should a PostgreSQL NOTIFY be lost while the LISTEN connection reconnects.
 *
 * Concurrent misses of one page share one load (single flight): after a poke hundreds of clients
 * ask for the same page at once. A load started before a commit is not joined by requests that
 * arrive after it (they would miss the commit they were poked for).
 */
export const CACHEABLE_MAX_ITEMS = 200;
const MAX_ENTRIES = 64;
const TTL_MS = 2000;

/** `Body`: the page as sent (the route's UTF-8 bytes; text in tests). */
export class PageCache<Body = Buffer> {
  private generation = 0;
  private readonly pages = new Map<string, { json: Body; at: number }>();
  private readonly loading = new Map<string, Promise<Body>>();

  invalidate(): void {
    this.generation += 1;
    this.pages.clear();
    this.loading.clear();
  }

  async get(after: number, limit: number, load: () => Promise<{ json: Body; items: number }>): Promise<Body> {
    const key = `${after}:${limit}`;
    const hit = this.pages.get(key);
    if (hit !== undefined && Date.now() - hit.at < TTL_MS) return hit.json;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const loaded = load().then(
      (page) => {
        if (generation === this.generation) {
          this.loading.delete(key);
          if (page.items <= CACHEABLE_MAX_ITEMS) {
            if (this.pages.size >= MAX_ENTRIES) this.pages.clear();
            this.pages.set(key, { json: page.json, at: Date.now() });
          }
        }
        return page.json;
      },
      (error: unknown) => {
        if (generation === this.generation) this.loading.delete(key);
        throw error;
      },
    );
    this.loading.set(key, loaded);
    return loaded;
  }
}
