/**
 * What one token, one address or everyone together may cost the server (issue #12). The defaults
 * suit one server for a few thousand agents; an agent token may be shared by a whole team (one
 * desktop app holds one event stream), hence the generous per-token figures.
 */
export interface ServerLimits {
  /** Open event streams one token may hold. */
  streamsPerToken: number;
  /** Open event streams in total. */
  streamsTotal: number;
  /** Open TCP connections in total (`server.maxConnections`); more are refused. */
  maxConnections: number;
  /** Failed authentications one address may make per `failedAuthWindowMs` before it gets 429. */
  failedAuthPerWindow: number;
  failedAuthWindowMs: number;
  /** Requests one token may make per `tokenWindowMs` before it gets 429. */
  requestsPerTokenPerWindow: number;
  tokenWindowMs: number;
  /**
   * Requests one address may make to the public FAQ (/faq/…: pages, search, sitemap) per
   * `faqWindowMs` before it gets a 429 page. A page view is up to three requests (page, style
   * sheet, icon); a search is one request that ranks.
   */
  faqRequestsPerAddressPerWindow: number;
  faqWindowMs: number;
  /** A socket idle this long is closed (event streams write a heartbeat well within it). */
  connectionTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  streamsPerToken: 1000,
  streamsTotal: 5000,
  maxConnections: 10_000,
  failedAuthPerWindow: 20,
  failedAuthWindowMs: 60_000,
  requestsPerTokenPerWindow: 20_000,
  tokenWindowMs: 60_000,
  faqRequestsPerAddressPerWindow: 600,
  faqWindowMs: 60_000,
  connectionTimeoutMs: 120_000,
  requestTimeoutMs: 60_000,
};

/** Seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
