/**
 * `GET /v1/answers` and `GET /v1/entries/:id` (issue #17): read-only, for any token down to a
 * `bot` (auth.ts ranks bots below agents, so they reach nothing else). Same auth hook, rate
 * limits and error shapes as the rest of the API. `DELETE /v1/entries/:id` (retiring) stays the
 * review workflow's (review-routes.ts): one path, two methods, two contracts.
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { EntryIdSchema, EntryKindSchema, LocaleSchema } from '../../common/knowledge';
import { wellFormed } from '../../common/sync-protocol';
import { ApiError } from '../errors';
import { callerOf } from '../auth';
import type { AnswerService } from './answer-service';

/** The longest question a bot may ask: longer text is a paste, not a question (and costs more to rank). */
export const MAX_ANSWER_QUERY_LENGTH = 500;
export const MAX_ANSWERS = 20;
const DEFAULT_ANSWERS = 5;
const JSON_TYPE = 'application/json; charset=utf-8';

export const AnswersQuerySchema = z.object({
  q: wellFormed(z.string().trim().min(1, 'must not be empty').max(MAX_ANSWER_QUERY_LENGTH, `must be at most ${MAX_ANSWER_QUERY_LENGTH} characters`)),
  locale: wellFormed(LocaleSchema).default('en'),
  limit: z.coerce.number().int().min(1).max(MAX_ANSWERS).default(DEFAULT_ANSWERS),
  kind: EntryKindSchema.optional(),
});

export function registerAnswerRoutes(fastify: FastifyInstance, answers: AnswerService): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/answers', { config: { role: 'bot' }, schema: { querystring: AnswersQuerySchema } }, async (request, reply) => {
    request.timing?.mark('validation');
    // Already JSON (answer-service.ts writes it from prepared answers): sent as it is.
    return reply.type(JSON_TYPE).send(await answers.answers(callerOf(request), request.query, request.timing));
  });

  app.get(
    '/v1/entries/:id',
    {
      config: { role: 'bot' },
      schema: { params: z.object({ id: wellFormed(EntryIdSchema) }), querystring: z.object({ locale: wellFormed(LocaleSchema).default('en') }) },
    },
    async (request, reply) => {
      const { id } = request.params;
      const found = answers.entry(callerOf(request), id, request.query.locale);
      // The same answer whether the entry does not exist or this token may not see it.
      if (!found) throw new ApiError(404, 'not_found', `no entry "${id}"`);
      return reply.type(JSON_TYPE).send(found);
    },
  );
}
