/**
 * Usage signals in (agents, POST /v1/signals) and the leads' reports out
 * (GET /v1/reports/<name>?since=&until=&limit=, `format=csv` for the CSV export).
 */
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { REPORT_NAMES, ReportQuerySchema, SignalBatchSchema, reportCsv } from '../../common/signals/signal-protocol';
import { callerOf } from '../auth';
import type { SignalService } from './signal-service';

export function registerReportRoutes(fastify: FastifyInstance, signals: SignalService): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post('/v1/signals', { config: { role: 'agent' }, schema: { body: SignalBatchSchema } }, async (request) =>
    signals.ingest(request.body, callerOf(request).name),
  );
  app.get(
    '/v1/reports/:name',
    { config: { role: 'lead' }, schema: { params: z.object({ name: z.enum(REPORT_NAMES) }), querystring: ReportQuerySchema.extend({ format: z.enum(['json', 'csv']).default('json') }) } },
    async (request, reply) => {
      const { name } = request.params;
      const { format, ...range } = request.query;
      const result = await signals.report(name, range);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(reportCsv(name, result.rows));
      return { report: name, ...result };
    },
  );
}
