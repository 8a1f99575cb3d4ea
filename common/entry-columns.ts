/**
 * The content columns of an entry row, as TypeORM entity columns, for the two `entries` tables:
 * the app's (main/store/entities.ts) and the server's (server/db/entities.ts). Both store the same
 * fields of the wire format under the same column names, created by each database's own frozen
 * migrations; the two differences are parameters: how TypeORM reads `tags` (the app as JSON, the
 * server as text it parses itself) and the app's default review state. Each side appends its own
 * columns, named by the one rule of ./snake-case-columns.ts. The server's migration suite checks
 * its entities against its migrated schema on both engines, so a change here that the server's
 * migrations do not make fails a test.
 */
import type { EntitySchemaColumnOptions } from 'typeorm';
import { integers, optionalTexts, primaryKey, texts } from './entity-kit';

export interface EntryContentColumnOptions {
  tags: 'simple-json' | 'text';
  /** The column default TypeORM knows for review_state (the app's migration 0001 has one). */
  reviewStateDefault?: string;
}

export function entryContentColumns(options: EntryContentColumnOptions) {
  return {
    ...primaryKey(texts('id', 'locale')),
    ...texts('kind', 'title', 'body'),
    tags: { type: options.tags },
    ...optionalTexts('urlOrPath'),
    ...integers('version'),
    ...texts('updatedAt'),
    ...optionalTexts('approvedBy', 'approvedAt'),
    reviewState: { type: 'text', ...(options.reviewStateDefault === undefined ? {} : { default: options.reviewStateDefault }) },
  } satisfies Record<string, EntitySchemaColumnOptions>;
}
