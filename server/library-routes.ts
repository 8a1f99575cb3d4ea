/**
 * The routes the Library (issue #14) reads besides the review workflow's: `GET /v1/me` (the
 * caller's name and role, from which the app decides whether the Library is theirs),
 * `GET /v1/library` (the lead's view of every entry, paged), `GET /v1/library/changes` (what
 * changed since a history event, for the Library's live refresh) and one version's content.
 * Registered inside the review routes' scope, so workflow refusals keep their shape.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EntryIdSchema, LocaleSchema } from '../common/knowledge';
import { LibraryChangesQuerySchema, LibraryQuerySchema } from '../common/library-protocol';
import { wellFormed } from '../common/sync-protocol';
import { callerOf } from './auth';
import type { LibraryQueries } from './review/library-queries';
import { decodeCursor, encodeCursor } from './entry-cursor';

export function registerLibraryRoutes(scope: FastifyInstance, library: LibraryQueries): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/me', { config: { role: 'agent' } }, async (request) => {
    const caller = callerOf(request);
    return { name: caller.name, role: caller.role };
  });

  app.get('/v1/library', { config: { role: 'lead' }, schema: { querystring: LibraryQuerySchema } }, async (request) => {
    const { cursor, limit, id } = request.query;
    const page = await library.page(cursor === undefined ? null : decodeCursor(cursor), limit, id);
    return { items: page.items, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  });

  app.get('/v1/library/changes', { config: { role: 'lead' }, schema: { querystring: LibraryChangesQuerySchema } }, async (request) =>
    library.changes(request.query.after),
  );

  app.get(
    '/v1/entries/:id/versions/:version',
    {
      config: { role: 'lead' },
      schema: {
        params: z.object({ id: wellFormed(EntryIdSchema), version: z.coerce.number().int().positive().max(2_147_483_647) }),
        querystring: z.object({ locale: LocaleSchema }),
      },
    },
    async (request) => library.version(request.params.id, request.query.locale, request.params.version),
  );
}
