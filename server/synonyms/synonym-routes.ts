/**
 * The synonym API (schemas in common/synonyms/synonym-protocol.ts): leads submit and review
 * rules, agents fetch the live set by version. Refusals take the review workflow's shape.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApproveSynonymSchema, SubmitSynonymsSchema, SYNONYM_STATES } from '../../common/synonyms/synonym-protocol';
import { callerOf } from '../auth';
import { WorkflowError } from '../review/workflow-error';
import type { SynonymService } from './synonym-service';

const RuleParams = z.object({ ruleId: z.uuid() });

export async function registerSynonymRoutes(fastify: FastifyInstance, synonyms: SynonymService): Promise<void> {
  await fastify.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => {
      if (error instanceof WorkflowError) return reply.status(error.status).type('application/json').send(error.body());
      throw error;
    });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const actor = (request: Parameters<typeof callerOf>[0]) => {
      const { name, role } = callerOf(request);
      return { name, role };
    };

    app.get(
      '/v1/synonyms',
      { config: { role: 'agent' }, schema: { querystring: z.object({ since: z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() }) } },
      async (request) => synonyms.live(request.query.since),
    );
    app.get(
      '/v1/synonyms/rules',
      { config: { role: 'lead' }, schema: { querystring: z.object({ state: z.enum(SYNONYM_STATES).default('in_review') }) } },
      async (request) => ({ rules: await synonyms.list(request.query.state) }),
    );
    app.post('/v1/synonyms', { config: { role: 'lead' }, schema: { body: SubmitSynonymsSchema } }, async (request) => ({
      rules: await synonyms.submit(request.body.rules, actor(request), request.body.replaces),
    }));
    app.post(
      '/v1/synonyms/:ruleId/approve',
      { config: { role: 'lead' }, schema: { params: RuleParams, body: ApproveSynonymSchema.nullish() } },
      async (request) => synonyms.approve(request.params.ruleId, actor(request), request.body?.signature),
    );
    app.post('/v1/synonyms/:ruleId/reject', { config: { role: 'lead' }, schema: { params: RuleParams } }, async (request) =>
      synonyms.reject(request.params.ruleId, actor(request)),
    );
    app.delete('/v1/synonyms/:ruleId', { config: { role: 'lead' }, schema: { params: RuleParams } }, async (request) =>
      synonyms.retire(request.params.ruleId, actor(request)),
    );
  });
}
