/**
 * The Library's bulk import (issue #14): a dry run of a file — chosen in the OS dialog and read by
 * main (`ImportFilePort`), or read by the page from a file input — then its submission. The plan
 * itself stays here under an id: the page shows it and names it back, it cannot alter what is sent.
 * Planning and submitting are main/application/import-service.ts's, as for the CLI's `import`.
 */
import { randomUUID } from 'node:crypto';
import type { ImportPlanView, ImportSubmissionView } from '../../common/library-contract';
import { MAX_IMPORT_ROWS_SHOWN } from '../../common/library-contract';
import { planCounts, type ImportPlan } from '../../common/import/import-plan';
import type { ImportFormat } from '../../common/templates/import-formats';
import { assertNever } from '../../common/assert-never';
import { DomainError } from '../core/domain-error';
import type { ImportFilePort } from '../core/ports';
import { ImportService, httpReviewServer } from './import-service';
import type { ServerTarget } from '../review/review-client';

/** Dry runs kept at once: the latest only (a plan holds a whole file, up to 64 Mi characters). */
const KEPT_PLANS = 1;

interface KeptPlan {
  file: string;
  format: ImportFormat;
  plan: ImportPlan;
}

export class LibraryImport {
  private readonly plans = new Map<string, KeptPlan>();

  constructor(
    private readonly deps: {
      /** The server the Library talks to (throws when none is configured). */
      target(): ServerTarget;
      /** Server errors as the Library's domain errors (LibraryServices' `call`). */
      call<T>(work: () => Promise<T>): Promise<T>;
      /** Absent in the browser harness: the page reads a file input instead. */
      picker?: ImportFilePort;
    },
  ) {}

  get hasDialog(): boolean {
    return this.deps.picker !== undefined;
  }

  /** The OS dialog, then a dry run of the chosen file; null when the lead closed the dialog. */
  async choose(format: ImportFormat): Promise<ImportPlanView | null> {
    if (!this.deps.picker) throw new DomainError('invalid_input', 'No file dialog here: choose the file with the File field.');
    const chosen = await this.deps.picker.choose();
    return chosen === null ? null : this.dryRun(chosen.name, format, chosen.text);
  }

  /** A dry run: what would be created, changed or left, and the bad records. Sends no write request. */
  async dryRun(file: string, format: ImportFormat, text: string): Promise<ImportPlanView> {
    const plan = await this.deps.call(() => this.service().planImport(text, format));
    return this.keep({ file, format, plan });
  }

  async submit(planId: string, skipBadRows: boolean): Promise<ImportSubmissionView> {
    const kept = this.plans.get(planId);
    if (!kept) throw new DomainError('not_found', 'That dry run is no longer here: choose the file again.');
    const outcome = await this.deps.call(() => this.service().submitImport(kept.plan, { skipBadRows }));
    switch (outcome.status) {
      case 'refused':
        return { status: 'refused', message: outcome.message.replace('(--skip-bad-rows)', '("Skip bad rows")') };
      case 'stale':
        this.plans.delete(planId);
        return { status: 'stale', plan: this.keep({ ...kept, plan: outcome.plan }), differences: outcome.differences };
      case 'submitted':
        this.plans.delete(planId);
        return { status: 'submitted', file: kept.file, counts: outcome.counts, submitted: outcome.submitted, skipped: outcome.skipped };
      default:
        return assertNever(outcome);
    }
  }

  private service(): ImportService {
    return new ImportService(httpReviewServer(this.deps.target()));
  }

  private keep(kept: KeptPlan): ImportPlanView {
    const planId = randomUUID();
    this.plans.set(planId, kept);
    for (const old of this.plans.keys()) if (this.plans.size > KEPT_PLANS) this.plans.delete(old);
    const { plan } = kept;
    return {
      planId,
      file: kept.file,
      format: kept.format,
      counts: planCounts(plan),
      rows: plan.items.slice(0, MAX_IMPORT_ROWS_SHOWN).map((item) => ({
        from: item.from, action: item.action, reason: item.reason, id: item.entry.id, locale: item.entry.locale, kind: item.entry.kind, title: item.entry.title,
      })),
      bad: plan.bad,
      warnings: plan.warnings,
      readable: plan.readable,
    };
  }
}
