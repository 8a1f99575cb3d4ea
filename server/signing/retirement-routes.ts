/**
 * Retirements made without a signature (issue #15 leftovers; wire format in
 * common/signing/retirement-protocol.ts): leads list them and sign each afterwards.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EntryIdSchema } from '../../common/knowledge';
import { MAX_UNSIGNED_RETIREMENTS, SignRetirementBodySchema, UNSIGNED_RETIREMENTS_PATH } from '../../common/signing/retirement-protocol';
import { wellFormed } from '../../common/sync-protocol';
import { callerOf } from '../auth';
import type { ServerDb } from '../db/server-db';
import type { PokeHub } from '../pokes';
import type { ReviewService } from '../review/review-service';
import { unsignedRetirements } from './unsigned-retirements';

export function registerRetirementRoutes(scope: FastifyInstance, deps: { review: ReviewService; db: ServerDb; pokes: PokeHub }): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(UNSIGNED_RETIREMENTS_PATH, { config: { role: 'lead' } }, async () =>
    deps.db.read((m) => unsignedRetirements(m, deps.db, MAX_UNSIGNED_RETIREMENTS)),
  );

  app.post(
    '/v1/entries/:id/retirement-signature',
    { config: { role: 'lead' }, schema: { params: z.object({ id: wellFormed(EntryIdSchema) }), body: SignRetirementBodySchema } },
    async (request) => {
      const result = await deps.review.signRetirement(request.params.id, request.body.locale, { name: callerOf(request).name, role: callerOf(request).role }, request.body.signature);
      deps.pokes.afterCommit(result.latestSeq);
      return result;
    },
  );
}
