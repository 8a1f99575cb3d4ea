import { decodeHtmlEntities } from './text/html-entities';
import { stripInvisibleControls } from './text/strip-controls';

/** The only link targets Cuecard shows or opens: web pages over TLS and e-mail addresses. */
const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

/**
 * The one link rule, for links in Markdown (reader, preview, pasted HTML), clicks in the overlay
 * and main's openLink. Returns the normalised URL when it is an absolute https:/mailto: URL
 * without credentials, else null. Entities are decoded first (CommonMark resolves them in link
 * destinations), and the URL that is checked is exactly the URL that gets emitted, so
 * `java&#115;cript:`, `JAVASCRIPT:`, tabs inside the scheme, `data:`, relative URLs and
 * `https://user:pass@host` (a lure that shows one host and logs in to it) cannot slip through.
 */
export function safeLinkTarget(href: string): string | null {
  let url: URL;
  try {
    url = new URL(stripInvisibleControls(decodeHtmlEntities(href)).trim());
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol) || url.username !== '' || url.password !== '') return null;
  return url.href;
}
