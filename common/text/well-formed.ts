/**
 * Well-formed Unicode: the one rule every boundary (server routes, CLI import, IPC, sync pages)
 * applies to ids, locales, titles, bodies, tags and comments. A lone surrogate (e.g. an id ending
 * in `\ud800`) cannot be encoded as UTF-8: SQLite and PostgreSQL turn it into U+FFFD or refuse it,
 * so the id stored would differ from the id sent and the change log could never be applied.
 * NUL is refused too: PostgreSQL's text type cannot hold it.
 */

const LONE_SURROGATE_SOURCE = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE);
const LONE_SURROGATE_ALL = new RegExp(LONE_SURROGATE_SOURCE, 'g');
const ILL_FORMED_ALL = new RegExp(`${LONE_SURROGATE_SOURCE}|\\u0000`, 'g');

export type IllFormedReason = 'lone_surrogate' | 'nul';

/** Why `text` is not acceptable stored text, or `null` when it is. */
export function illFormedReason(text: string): IllFormedReason | null {
  if (LONE_SURROGATE.test(text)) return 'lone_surrogate';
  if (text.includes('\u0000')) return 'nul';
  return null;
}

/** For display only: every lone surrogate and NUL shown as U+FFFD (ids printed as a server sent them). */
export function printableText(text: string): string {
  return text.replace(ILL_FORMED_ALL, '\ufffd');
}

/**
 * Every lone surrogate replaced by `mark`: for a parser that would silently turn them into U+FFFD
 * (csv-parse reads its input as UTF-8 bytes), so the reader can still find and refuse them.
 */
export function markLoneSurrogates(text: string, mark: string): string {
  return text.replace(LONE_SURROGATE_ALL, mark);
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

/**
 * Whether JSON text can parse to a string (or key) that is not well-formed. Text decoded from
 * UTF-8 holds no lone surrogate (the decoder replaces one with U+FFFD) and JSON.parse refuses a
 * raw NUL inside a string, so only a `\u` escape of NUL or of a surrogate can make one. False
 * lets a reader skip findIllFormedText on what it parsed from that text: a sync page's items are
 * then checked once, by one scan of the text (the walk cost as much as the items' schema check).
 * A pair written as two escapes, or an escaped backslash before `u0000`, only takes the slow path.
 */
export function jsonMayHoldIllFormedText(json: string): boolean {
  return /\\u(?:0000|[dD][89abcdefABCDEF])/.test(json);
}

/**
 * The first string (or object key) inside a parsed JSON-like value that is not well-formed,
 * with its dotted path, or null. For payloads whose every text field is subject to the rule
 * (IPC requests, sync page items); `depth` bounds the walk for values nobody validated yet.
 */
export function findIllFormedText(
  value: unknown,
  path: ReadonlyArray<string | number> = [],
  depth = 32,
): { path: Array<string | number>; reason: IllFormedReason } | null {
  if (typeof value === 'string') {
    const reason = illFormedReason(value);
    return reason ? { path: [...path], reason } : null;
  }
  if (typeof value !== 'object' || value === null || depth <= 0) return null;
  for (const [key, child] of Object.entries(value)) {
    const keyReason = Array.isArray(value) ? null : illFormedReason(key);
    if (keyReason) return { path: [...path, key], reason: keyReason };
    const found = findIllFormedText(child, [...path, Array.isArray(value) ? Number(key) : key], depth - 1);
    if (found) return found;
  }
  return null;
}
