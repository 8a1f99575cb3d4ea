/**
 * What the Library reads (issue #14): every entry as a lead sees it — its open version (draft or
 * in review) when there is one, else the live one, with the live version beside it and the review
 * metadata the list filters on — and one version's content for the history's diffs. Reads only.
 */
import { In, IsNull, MoreThan } from 'typeorm';
import { MAX_LIBRARY_CHANGED_IDS, type LibraryChanges, type LibraryRecord, type VersionContent } from '../../common/library-protocol';
import { DEFAULT_VERIFICATION_INTERVAL_DAYS, isTranslationStale, verificationDueAt } from '../../common/workflow-rules';
import type { ServerDb } from '../db/server-db';
import { ReviewEntities, versionContentOf, type VersionRow } from './review-entities';
import { key } from './review-tx';
import { WorkflowError } from './workflow-error';

const CURRENT_STATES = ['draft', 'in_review', 'approved'];

export class LibraryQueries {
  constructor(private readonly db: ServerDb) {}

  /** Entries after `cursor` (exclusive), ordered by (id, locale); `limit` entries at most. */
  async page(
    cursor: { id: string; locale: string } | null,
    limit: number,
    onlyId?: string,
  ): Promise<{ items: LibraryRecord[]; next: { id: string; locale: string } | null }> {
    return this.db.read(async (m) => {
      const state = In(CURRENT_STATES);
      const where = onlyId !== undefined
        ? [{ state, id: onlyId, ...(cursor === null ? {} : { locale: MoreThan(cursor.locale) }) }]
        : cursor === null ? [{ state }] : [
          { state, id: cursor.id, locale: MoreThan(cursor.locale) },
          { state, id: MoreThan(cursor.id) },
        ];
      // Each (id, locale) has at most one open and one live version: 2·limit + 2 rows hold `limit` whole entries and one more key.
      const rows = await m.getRepository(ReviewEntities.Version).find({ where, order: { id: 'ASC', locale: 'ASC', version: 'ASC' }, take: 2 * limit + 2 });
      const groups = new Map<string, { live: VersionRow | null; open: VersionRow | null }>();
      for (const row of rows) {
        const k = key(row.id, row.locale);
        const group = groups.get(k) ?? { live: null, open: null };
        if (row.state === 'approved') group.live = row;
        else group.open = row;
        groups.set(k, group);
      }
      const keys = [...groups.keys()];
      const pageKeys = keys.slice(0, limit);
      const ids = [...new Set(pageKeys.map((k) => k.slice(k.indexOf('\u0000') + 1)))];
      const metas = ids.length === 0 ? [] : await m.getRepository(ReviewEntities.Meta).findBy({ id: In(ids) });
      const metaOf = new Map(metas.map((meta) => [key(meta.id, meta.locale), meta]));
      const sources = ids.length === 0 ? [] : await m.getRepository(ReviewEntities.Source).findBy({ id: In(ids) });
      const sourceOf = new Map(sources.map((s) => [s.id, s.sourceLocale]));
      const lives = ids.length === 0 ? [] : await m.getRepository(ReviewEntities.Version).findBy({ id: In(ids), state: 'approved' });
      const liveVersion = new Map(lives.map((v) => [key(v.id, v.locale), v.version]));
      const flags = ids.length === 0 ? [] : await m.getRepository(ReviewEntities.Flag).findBy({ id: In(ids), resolvedAt: IsNull() });
      const flagCount = new Map<string, number>();
      for (const f of flags) flagCount.set(key(f.id, f.locale), (flagCount.get(key(f.id, f.locale)) ?? 0) + 1);

      const items = pageKeys.map((k) => {
        const { live, open } = groups.get(k) as { live: VersionRow | null; open: VersionRow | null };
        const current = (open ?? live) as VersionRow;
        const meta = metaOf.get(k);
        const interval = meta?.verificationIntervalDays ?? DEFAULT_VERIFICATION_INTERVAL_DAYS;
        const source = sourceOf.get(current.id) ?? null;
        const sourceLive = source === null ? undefined : liveVersion.get(key(current.id, source));
        return {
          ...contentOf(current),
          reviewComment: current.reviewComment,
          revision: current.revision,
          owner: meta?.owner ?? current.author,
          verificationIntervalDays: interval,
          verificationDueAt: live ? verificationDueAt(live.approvedAt ?? live.createdAt, meta?.lastVerifiedAt ?? null, interval) : null,
          staleTranslation:
            live !== null && source !== null &&
            isTranslationStale({ locale: current.locale, confirmedSourceVersion: meta?.confirmedSourceVersion ?? null }, { locale: source, liveVersion: sourceLive ?? null }),
          sourceLocale: source,
          openFlags: flagCount.get(k) ?? 0,
          live: open && live ? contentOf(live) : null,
        };
      });
      const last = items[items.length - 1];
      return { items, next: keys.length > limit && last ? { id: last.id, locale: last.locale } : null };
    });
  }

  /** The newest history event and the entries changed after `after` (the Library's live refresh). */
  async changes(after: number | undefined): Promise<LibraryChanges> {
    return this.db.read(async (m) => {
      const events = m.getRepository(ReviewEntities.Event);
      const top = (await events.createQueryBuilder('e').select('MAX(e.eventId)', 'latest').getRawOne()) as { latest: number | string | null } | undefined;
      const latest = Number(top?.latest ?? 0);
      if (after === undefined || after >= latest) return { latest, ids: [] };
      const rows = (await events
        .createQueryBuilder('e')
        .select('e.id', 'id')
        .distinct(true)
        .where('e.eventId > :after AND e.eventId <= :latest', { after, latest })
        .limit(MAX_LIBRARY_CHANGED_IDS + 1)
        .getRawMany()) as Array<{ id: string }>;
      return { latest, ids: rows.length > MAX_LIBRARY_CHANGED_IDS ? null : rows.map((r) => r.id) };
    });
  }

  /**
   * One version's content; without `version`, the open one (draft or in review, the newest) or else
   * the newest of all — what a lead about to approve with `--key` signs (issue #15).
   */
  async version(id: string, locale: string, version?: number, live = false): Promise<VersionContent> {
    const row = await this.db.read(async (m) => {
      const versions = m.getRepository(ReviewEntities.Version);
      if (version !== undefined) return versions.findOneBy({ id, locale, version });
      // The live version: what a lead retiring the entry with `--key` signs (issue #15).
      if (live) return versions.findOneBy({ id, locale, state: 'approved' });
      const open = await versions.find({ where: [{ id, locale, state: 'in_review' }, { id, locale, state: 'draft' }], order: { version: 'DESC' }, take: 1 });
      return open[0] ?? (await versions.findOne({ where: { id, locale }, order: { version: 'DESC' } }));
    });
    if (!row) throw new WorkflowError(404, 'not_found', version === undefined ? `no entry "${id}" in locale "${locale}"` : `"${id}" (${locale}) has no version ${version}`);
    return contentOf(row);
  }
}

function contentOf(row: VersionRow): VersionContent {
  return {
    id: row.id,
    locale: row.locale,
    version: row.version,
    state: row.state as VersionContent['state'],
    ...versionContentOf(row),
    author: row.author,
    createdAt: row.createdAt,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
  };
}
