/**
 * The signing endpoints (issue #15; schemas in common/signing/): leads register approver keys,
 * admins read them and upload the root-signed key list, every synced client reads the list, and
 * a lead reads the exact content of the version they are about to sign.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EntryIdSchema, LocaleSchema } from '../../common/knowledge';
import { SignedKeyListSchema } from '../../common/signing/key-list';
import { KEY_LIST_PATH, RegisterKeySchema } from '../../common/signing/signing-protocol';
import { wellFormed } from '../../common/sync-protocol';
import { callerOf } from '../auth';
import type { LibraryQueries } from '../review/library-queries';
import type { SigningService } from './signing-service';

export function registerSigningRoutes(scope: FastifyInstance, signing: SigningService, library: LibraryQueries): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post('/v1/keys', { config: { role: 'lead' }, schema: { body: RegisterKeySchema } }, async (request) =>
    signing.register(request.body.name, request.body.publicKey, callerOf(request).name),
  );

  app.get('/v1/keys', { config: { role: 'admin' } }, async () => ({ keys: await signing.registered() }));

  app.get(KEY_LIST_PATH, { config: { role: 'agent' } }, async () => ({ keyList: await signing.currentList() }));

  app.put(KEY_LIST_PATH, { config: { role: 'admin' }, schema: { body: SignedKeyListSchema } }, async (request) =>
    signing.upload(request.body, callerOf(request).name),
  );

  app.get(
    '/v1/entries/:id/version',
    {
      config: { role: 'lead' },
      schema: {
        params: z.object({ id: wellFormed(EntryIdSchema) }),
        querystring: z.object({
          locale: LocaleSchema,
          version: z.coerce.number().int().positive().max(2_147_483_647).optional(),
          live: z.literal('true').optional(),
        }),
      },
    },
    async (request) => library.version(request.params.id, request.query.locale, request.query.version, request.query.live === 'true'),
  );
}
