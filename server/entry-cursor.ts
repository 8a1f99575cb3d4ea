/** The cursor of the export and the Library's pages: the last (id, locale) served, as base64url JSON. */
import { z } from 'zod';
import { EntryIdSchema, LocaleSchema } from '../common/knowledge';
import { ApiError } from './errors';

export function encodeCursor(key: { id: string; locale: string }): string {
  return Buffer.from(JSON.stringify([key.id, key.locale]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { id: string; locale: string } {
  try {
    const parsed = z.tuple([EntryIdSchema, LocaleSchema]).parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { id: parsed[0], locale: parsed[1] };
  } catch {
    throw new ApiError(400, 'bad_request', 'invalid query: cursor: not a cursor this server gave out');
  }
}
