/**
 * `report no-results|usage|edits|stale --server <url> --token <lead> [--json] [--csv] [--since <date>] [--until <date>] [--limit <n>]`
 * (issue #18): what agents missed, used, rewrote, and what is due. Without --since, the last 7
 * days. --json prints one row a line, --csv the CSV export; otherwise a table. A range without
 * data prints no rows (and "0 rows" on stderr), not an error.
 */
import { z } from 'zod';
import { REPORT_NAMES, ReportSchema, reportCsv } from '../../../common/signals/signal-protocol';
import { serverArgs } from '../server-args';
import { UsageError, callServer, intFlag, parseArgs, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

const DateSchema = z.iso.date();

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token', 'since', 'until', 'limit'], ['json', 'csv']);
  const [rawName, ...extra] = parsed.positionals;
  const name = z.enum(REPORT_NAMES).safeParse(rawName);
  if (!name.success || extra.length > 0) throw new UsageError(`report needs one of ${REPORT_NAMES.join(', ')}`);
  const target = serverArgs(parsed);
  const query = new URLSearchParams();
  for (const flag of ['since', 'until'] as const) {
    const value = stringFlag(parsed, flag);
    if (value === undefined) continue;
    if (!DateSchema.safeParse(value).success) throw new UsageError(`--${flag} must be a date as YYYY-MM-DD`);
    query.set(flag, value);
  }
  const limit = intFlag(parsed, 'limit', 1, 1000);
  if (limit !== undefined) query.set('limit', String(limit));
  const qs = query.toString();
  return reportRefusals(io, async () => {
    const report = await callServer(target, 'GET', `/v1/reports/${name.data}${qs ? `?${qs}` : ''}`, undefined, ReportSchema);
    if (parsed.flags.get('csv') === true) io.stdout(reportCsv(name.data, report.rows).trimEnd());
    else if (parsed.flags.get('json') === true) for (const row of report.rows) io.stdout(JSON.stringify(row));
    else for (const row of report.rows) io.stdout(Object.values(row).map((v) => (v === null ? '-' : String(v))).join('  '));
    io.stderr(`${name.data} ${report.since} … ${report.until}: ${report.rows.length} row(s)`);
    return 0;
  });
}
