/**
 * What leads read: an entry's history, the queue of what waits for them, and the export of every
 * live entry. Reads only; every list is bounded.
 */
import { In, IsNull, MoreThan, type EntityManager } from 'typeorm';
import type { ExportRecord, HistoryItem, QueueItem } from '../../common/review-protocol';
import { isTranslationStale, isVerificationDue, verificationDueAt } from '../../common/workflow-rules';
import type { ServerDb } from '../db/server-db';
import { ReviewEntities, type MetaRow, type VersionRow } from './review-entities';
import { WorkflowError } from './workflow-error';
import { invalidSignatureItems } from '../signing/invalid-signatures';
import { SigningService } from '../signing/signing-service';

/** Each reason lists at most this many items (the oldest first). */
export const MAX_QUEUE_ITEMS_PER_REASON = 500;
const APPROVED_STATES = new Set(['approved', 'superseded', 'retired']);

export class ReviewQueries {
  private readonly signing: SigningService;

  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date,
  ) {
    this.signing = new SigningService(db, now);
  }

  /** Every step oldest first; `liveOnly` keeps the versions that were approved at some point. */
  async history(id: string, locale: string, liveOnly: boolean): Promise<HistoryItem[]> {
    return this.db.read(async (m) => {
      const all = await m.getRepository(ReviewEntities.Version).findBy({ id, locale });
      const versions = liveOnly ? all.filter((v) => v.approvedAt !== null) : all;
      if (versions.length === 0) throw new WorkflowError(404, 'not_found', `no entry "${id}" in locale "${locale}"`);
      const byNumber = new Map(versions.map((v) => [v.version, v]));
      const events = await m.getRepository(ReviewEntities.Event).find({ where: { id, locale }, order: { eventId: 'ASC' } });
      return events.filter((e) => byNumber.has(e.version)).map((e) => {
        const v = byNumber.get(e.version);
        const approved = APPROVED_STATES.has(e.state) && v?.approvedBy != null;
        return {
          version: e.version,
          state: e.state as HistoryItem['state'],
          event: e.event as HistoryItem['event'],
          author: v?.author ?? e.actor,
          actor: e.actor,
          approvedBy: approved ? (v?.approvedBy ?? null) : null,
          approvedAt: approved ? (v?.approvedAt ?? null) : null,
          at: e.at,
          title: v?.title ?? '',
          comment: e.comment,
        };
      });
    });
  }

  /** Versions in review, open flags, verifications due and stale translations; `owner` narrows to one owner's. */
  async queue(owner: string | null): Promise<QueueItem[]> {
    const now = this.now();
    return this.db.read(async (m) => {
      const metas = await m.getRepository(ReviewEntities.Meta).find(owner === null ? {} : { where: { owner } });
      const metaOf = new Map(metas.map((meta) => [key(meta.id, meta.locale), meta]));
      const ownerOf = (id: string, locale: string) => metaOf.get(key(id, locale))?.owner;
      const mine = (id: string, locale: string) => ownerOf(id, locale) !== undefined;
      const items: QueueItem[] = [];

      const inReview = await m.getRepository(ReviewEntities.Version).find({ where: { state: 'in_review' }, order: { createdAt: 'ASC' } });
      for (const v of inReview.filter((r) => mine(r.id, r.locale)).slice(0, MAX_QUEUE_ITEMS_PER_REASON)) {
        items.push({ reason: 'in_review', id: v.id, locale: v.locale, title: v.title, owner: ownerOf(v.id, v.locale) as string, version: v.version, author: v.author, submittedAt: v.createdAt, comment: v.reviewComment });
      }

      const flags = await m.getRepository(ReviewEntities.Flag).find({ where: { resolvedAt: IsNull() }, order: { raisedAt: 'ASC' } });
      const flagged = flags.filter((f) => mine(f.id, f.locale)).slice(0, MAX_QUEUE_ITEMS_PER_REASON);
      const titles = await liveTitles(m, flagged);
      for (const f of flagged) {
        items.push({
          reason: 'flagged',
          id: f.id,
          locale: f.locale,
          title: titles.get(key(f.id, f.locale)) ?? '',
          owner: ownerOf(f.id, f.locale) as string,
          version: f.version,
          flagId: f.flagId,
          flagReason: f.reason as 'outdated' | 'wrong',
          flaggedBy: f.raisedBy,
          flaggedAt: f.raisedAt,
          comment: f.comment,
        });
      }

      const live = (await m.getRepository(ReviewEntities.Version).findBy({ state: 'approved' })).filter((v) => mine(v.id, v.locale));
      const sources = new Map((await m.getRepository(ReviewEntities.Source).find()).map((s) => [s.id, s.sourceLocale]));
      const liveOf = new Map(live.map((v) => [key(v.id, v.locale), v]));
      const due: QueueItem[] = [];
      const stale: QueueItem[] = [];
      for (const v of live) {
        const meta = metaOf.get(key(v.id, v.locale)) as MetaRow;
        const dueAt = verificationDueAt(v.approvedAt ?? v.createdAt, meta.lastVerifiedAt, meta.verificationIntervalDays);
        if (isVerificationDue(dueAt, now)) due.push({ reason: 'verification_due', id: v.id, locale: v.locale, title: v.title, owner: meta.owner, version: v.version, dueAt });
        const source = sources.get(v.id);
        const sourceVersion = source === undefined ? undefined : (liveOf.get(key(v.id, source)) ?? (await liveSource(m, v.id, source)))?.version;
        if (source !== undefined && sourceVersion !== undefined && isTranslationStale({ locale: v.locale, confirmedSourceVersion: meta.confirmedSourceVersion }, { locale: source, liveVersion: sourceVersion })) {
          stale.push({ reason: 'stale_translation', id: v.id, locale: v.locale, title: v.title, owner: meta.owner, version: v.version, sourceLocale: source, sourceVersion });
        }
      }
      due.sort((a, b) => ((a as { dueAt: string }).dueAt < (b as { dueAt: string }).dueAt ? -1 : 1));
      items.push(...due.slice(0, MAX_QUEUE_ITEMS_PER_REASON), ...stale.slice(0, MAX_QUEUE_ITEMS_PER_REASON));
      items.push(...(await invalidSignatureItems(m, this.signing, live, (v) => ownerOf(v.id, v.locale) as string, MAX_QUEUE_ITEMS_PER_REASON)));
      return items;
    });
  }

  /** Live entries after `cursor` (exclusive), ordered by (id, locale). */
  async exportPage(cursor: { id: string; locale: string } | null, limit: number): Promise<{ items: ExportRecord[]; next: { id: string; locale: string } | null }> {
    return this.db.read(async (m) => {
      const where = cursor === null ? [{ state: 'approved' }] : [
        { state: 'approved', id: cursor.id, locale: MoreThan(cursor.locale) },
        { state: 'approved', id: MoreThan(cursor.id) },
      ];
      const rows = await m.getRepository(ReviewEntities.Version).find({ where, order: { id: 'ASC', locale: 'ASC' }, take: limit + 1 });
      const page = rows.slice(0, limit);
      const metas = page.length === 0 ? [] : await m.getRepository(ReviewEntities.Meta).findBy({ id: In([...new Set(page.map((r) => r.id))]) });
      const owners = new Map(metas.map((meta) => [key(meta.id, meta.locale), meta.owner]));
      const items = page.map((r) => ({
        id: r.id,
        locale: r.locale,
        kind: r.kind === 'template' ? ('template' as const) : ('article' as const),
        title: r.title,
        body: r.body,
        url_or_path: r.urlOrPath,
        tags: JSON.parse(r.tags) as string[],
        owner: owners.get(key(r.id, r.locale)) ?? r.author,
        version: r.version,
        approvedBy: r.approvedBy,
        approvedAt: r.approvedAt,
      }));
      const last = page[page.length - 1];
      return { items, next: rows.length > limit && last ? { id: last.id, locale: last.locale } : null };
    });
  }
}

async function liveSource(m: EntityManager, id: string, locale: string): Promise<VersionRow | null> {
  return m.getRepository(ReviewEntities.Version).findOneBy({ id, locale, state: 'approved' });
}

async function liveTitles(m: EntityManager, refs: ReadonlyArray<{ id: string; locale: string }>): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const rows = await m.getRepository(ReviewEntities.Version).find({ where: { id: In([...new Set(refs.map((r) => r.id))]), state: 'approved' } });
  return new Map(rows.map((r) => [key(r.id, r.locale), r.title]));
}

function key(id: string, locale: string): string {
  return `${locale}\u0000${id}`;
}
