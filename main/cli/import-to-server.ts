/**
 * `import <file> --server <url> --token <lead> [--dry-run] [--json] [--skip-bad-rows]`: the bulk
 * import of main/application/import-service.ts from a terminal. The plan goes to stdout, one line
 * a record and a summary line (`--json`: one JSON object); bad records and warnings go to stderr.
 * Without `--dry-run` the created and changed records are submitted for review.
 */
import { describeCounts, planCounts, planLines, type ImportPlan } from '../../common/import/import-plan';
import type { ImportFormat } from '../../common/templates/import-formats';
import type { EntryKind } from '../../common/knowledge';
import { assertNever } from '../../common/assert-never';
import { ImportService, httpReviewServer, type ImportSubmission } from '../application/import-service';
import { reportRefusals, type CliIo, type ServerTarget } from './workflow-client';

const MAX_REPORTED = 50;

export interface ServerImportRequest {
  file: string;
  text: string;
  format: ImportFormat;
  target: ServerTarget;
  dryRun: boolean;
  json: boolean;
  skipBadRows: boolean;
  kind?: EntryKind;
  locale?: string;
}

export async function importToServer(request: ServerImportRequest, io: CliIo): Promise<number> {
  const service = new ImportService(httpReviewServer(request.target));
  return reportRefusals(io, async () => {
    const plan = await service.planImport(request.text, request.format, {
      ...(request.kind ? { defaultKind: request.kind } : {}),
      ...(request.locale ? { defaultLocale: request.locale } : {}),
    });
    for (const warning of plan.warnings.slice(0, MAX_REPORTED)) io.stderr(`warning: ${request.file}: ${warning}`);
    if (request.dryRun) return printDryRun(plan, request, io);
    const submission = await service.submitImport(plan, { skipBadRows: request.skipBadRows });
    return printSubmission(plan, submission, request, io);
  });
}

function printDryRun(plan: ImportPlan, request: ServerImportRequest, io: CliIo): number {
  const counts = planCounts(plan);
  if (request.json) {
    io.stdout(JSON.stringify({ dryRun: true, counts, items: plan.items.map(jsonItem), bad: plan.bad, warnings: plan.warnings }));
  } else {
    for (const line of planLines(plan)) io.stdout(line);
    io.stdout(`dry run of ${request.file}: ${describeCounts(counts)}; nothing was submitted`);
  }
  if (!plan.readable) {
    io.stderr(`error: ${request.file}: ${plan.bad[0] ?? 'unreadable'}`);
    return 1;
  }
  if (counts.bad > 0 && !request.skipBadRows) {
    io.stderr(`error: ${counts.bad} bad record(s) in ${request.file}: an import would submit nothing until they are fixed or skipped (--skip-bad-rows)`);
    return 1;
  }
  return 0;
}

function printSubmission(plan: ImportPlan, submission: ImportSubmission, request: ServerImportRequest, io: CliIo): number {
  switch (submission.status) {
    case 'refused':
      for (const bad of plan.bad.slice(0, MAX_REPORTED)) io.stderr(`${request.file}: ${bad}`);
      if (plan.bad.length > MAX_REPORTED) io.stderr(`… and ${plan.bad.length - MAX_REPORTED} more bad records`);
      io.stderr(`error: ${request.file}: ${submission.message}`);
      return 1;
    case 'stale':
      for (const difference of submission.differences.slice(0, MAX_REPORTED)) io.stderr(`changed on the server since the plan: ${difference}`);
      io.stderr(`error: the server changed while the import was planned; nothing was submitted: run it again`);
      return 1;
    case 'submitted': {
      for (const skipped of submission.skipped) io.stderr(`skipped ${request.file}: ${skipped}`);
      const summary = `submitted ${submission.submitted} version(s) from ${request.file} for review in ${submission.requests} request(s): ${describeCounts(submission.counts)}${submission.skipped.length > 0 ? ' (skipped)' : ''}${submission.latestSeq === null ? '' : `; server at seq ${submission.latestSeq}`}`;
      if (request.json) io.stdout(JSON.stringify({ dryRun: false, counts: submission.counts, submitted: submission.submitted, latestSeq: submission.latestSeq, items: plan.items.map(jsonItem), skipped: submission.skipped }));
      else {
        for (const line of planLines({ ...plan, bad: [] })) io.stdout(line);
        io.stdout(summary);
      }
      return 0;
    }
    default:
      return assertNever(submission);
  }
}

function jsonItem(item: ImportPlan['items'][number]): Record<string, unknown> {
  return { action: item.action, id: item.entry.id, locale: item.entry.locale, kind: item.entry.kind, from: item.from, reason: item.reason, liveVersion: item.liveVersion, inReviewVersion: item.inReviewVersion };
}
