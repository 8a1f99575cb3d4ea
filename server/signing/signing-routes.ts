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
import type { ServerDb } from '../db/server-db';
import { ReviewEntities } from '../review/review-entities';
import { WorkflowError } from '../review/workflow-error';
import type { SigningService } from './signing-service';

export function registerSigningRoutes(scope: FastifyInstance, signing: SigningService, db: ServerDb): void {
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
        querystring: z.object({ locale: LocaleSchema, version: z.coerce.number().int().positive().max(2_147_483_647).optional() }),
      },
    },
    async (request) => {
      const { id } = request.params;
      const { locale, version } = request.query;
      const row = await db.read(async (m) => {
        const versions = m.getRepository(ReviewEntities.Version);
        if (version !== undefined) return versions.findOneBy({ id, locale, version });
        const open = await versions.find({ where: [{ id, locale, state: 'in_review' }, { id, locale, state: 'draft' }], order: { version: 'DESC' }, take: 1 });
        return open[0] ?? (await versions.findOne({ where: { id, locale }, order: { version: 'DESC' } }));
      });
      if (!row) throw new WorkflowError(404, 'not_found', version === undefined ? `no entry "${id}" in locale "${locale}"` : `"${id}" (${locale}) has no version ${version}`);
      return {
        id: row.id,
        locale: row.locale,
        version: row.version,
        state: row.state,
        kind: row.kind === 'template' ? 'template' : 'article',
        title: row.title,
        body: row.body,
        tags: JSON.parse(row.tags) as string[],
        urlOrPath: row.urlOrPath,
      };
    },
  );
}
