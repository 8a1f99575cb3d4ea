/**
 * Well-formed Unicode: the one rule every boundary (server routes, CLI import, IPC, sync pages)
 * applies to ids, locales, titles, bodies, tags and comments. A lone surrogate (e.g. an id ending
 * in `\ud800`) cannot be encoded as UTF-8: SQLite and PostgreSQL turn it into U+FFFD or refuse it,
 * so the id stored would differ from the id sent and the change log could never be applied.
 * NUL is refused too: PostgreSQL's text type cannot hold it.
 */

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type IllFormedReason = 'lone_surrogate' | 'nul';

/** Why `text` is not acceptable stored text, or `null` when it is. */
export function illFormedReason(text: string): IllFormedReason | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if (text.includes('\u0000')) return 'nul';
  return null;
}

/** A human sentence for an error message, naming the field. */
export function illFormedMessage(field: string, reason: IllFormedReason): string {
  switch (reason) {
    case 'lone_surrogate':
      return `${field} is not well-formed Unicode (it contains a lone surrogate)`;
    case 'nul':
      return `${field} contains a NUL character`;
  }
}
