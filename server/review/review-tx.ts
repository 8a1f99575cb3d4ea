/**
 * One review-workflow transaction: reads and writes of versions, history, owners and sources, and
 * what agents must be sent at its end. Whatever changes what an agent sees of an entry — a version
 * going live, a verification, a translation going stale or being confirmed — is recomputed per id
 * at the end (refresh) and sent through the ordinary change log, approved versions only.
 */
import { In, type EntityManager, type EntitySchema } from 'typeorm';
import type { KnowledgeEntry } from '../../common/knowledge';
import type { VersionState } from '../../common/workflow';
import { DEFAULT_VERIFICATION_INTERVAL_DAYS, isTranslationStale, verificationDueAt } from '../../common/workflow-rules';
import type { KnowledgeRepo, WrittenChange } from '../db/knowledge-repo';
import { ReviewEntities, versionContentOf, type EventRow, type MetaRow, type VersionRow } from './review-entities';
import { signaturesOf, versionKey } from '../signing/signing-service';

export type EventName = EventRow['event'];

export class ReviewTx {
  /** Ids whose live variants must be recomputed; locales whose content went live (always sent). */
  private readonly touched = new Map<string, Set<string>>();

  constructor(
    readonly manager: EntityManager,
    private readonly repo: KnowledgeRepo,
    readonly at: string,
    readonly actorName: string,
  ) {}

  get entities(): KnowledgeRepo['entities'] {
    return this.repo.entities;
  }

  private get versions() {
    return this.manager.getRepository(ReviewEntities.Version);
  }

  latest(id: string, locale: string): Promise<VersionRow | null> {
    return this.versions.findOne({ where: { id, locale }, order: { version: 'DESC' } });
  }

  version(id: string, locale: string, version: number): Promise<VersionRow | null> {
    return this.versions.findOneBy({ id, locale, version });
  }

  async inState(id: string, locale: string, states: readonly VersionState[]): Promise<VersionRow | null> {
    const rows = await this.versions.find({ where: states.map((state) => ({ id, locale, state })), order: { version: 'DESC' }, take: 1 });
    return rows[0] ?? null;
  }

  meta(id: string, locale: string): Promise<MetaRow | null> {
    return this.manager.getRepository(ReviewEntities.Meta).findOneBy({ id, locale });
  }

  async sourceLocale(id: string): Promise<string | null> {
    return (await this.manager.getRepository(ReviewEntities.Source).findOneBy({ id }))?.sourceLocale ?? null;
  }

  async setSource(id: string, locale: string): Promise<void> {
    await this.manager.getRepository(ReviewEntities.Source).upsert({ id, sourceLocale: locale }, ['id']);
    this.touch(id);
  }

  async updateMeta(id: string, locale: string, change: Partial<MetaRow>): Promise<void> {
    await this.manager.getRepository(ReviewEntities.Meta).update({ id, locale }, change);
    this.touch(id);
  }

  async insertVersion(row: VersionRow): Promise<void> {
    await this.versions.insert(row);
    // The first version of an entry: its author owns it, and its first locale is the source.
    const metas = this.manager.getRepository(ReviewEntities.Meta);
    if (!(await metas.existsBy({ id: row.id, locale: row.locale }))) {
      await metas.insert(newMeta(row, this.at));
    }
    if ((await this.sourceLocale(row.id)) === null) await this.setSource(row.id, row.locale);
  }

  async setState(row: VersionRow, state: VersionState, change: Partial<VersionRow> = {}): Promise<void> {
    await this.versions.update({ id: row.id, locale: row.locale, version: row.version }, { state, ...change });
    Object.assign(row, change, { state });
  }

  async event(row: { id: string; locale: string; version: number; state: string }, event: EventName, comment: string | null = null): Promise<void> {
    await this.manager.getRepository(ReviewEntities.Event).insert(this.eventRow(row, event, comment));
  }

  /** `row` goes live: the version it replaces is superseded; a translation counts as checked against the source. */
  async goLive(row: VersionRow, approvedBy: string, bulk: boolean): Promise<void> {
    const previous = await this.inState(row.id, row.locale, ['approved']);
    if (previous && previous.version !== row.version) {
      await this.setState(previous, 'superseded');
      await this.event(previous, 'superseded', `replaced by version ${row.version}`);
    }
    await this.setState(row, 'approved', { approvedBy, approvedAt: this.at, bulk: bulk ? 1 : 0 });
    await this.event(row, bulk ? 'bulk_approved' : 'approved', bulk ? 'approved in bulk by an admin (migration)' : null);
    const source = await this.sourceLocale(row.id);
    if (source !== null && source !== row.locale) {
      const sourceLive = await this.inState(row.id, source, ['approved']);
      await this.updateMeta(row.id, row.locale, { confirmedSourceVersion: sourceLive?.version ?? null });
    }
    this.touch(row.id, row.locale);
  }

  touch(id: string, sentLocale?: string): void {
    let locales = this.touched.get(id);
    if (!locales) this.touched.set(id, (locales = new Set()));
    if (sentLocale) locales.add(sentLocale);
  }

  /**
   * Recomputes what agents see of every touched id and appends the variants whose content went
   * live or whose review metadata changed to the change log. Batched by id chunks, so a bulk
   * import of thousands of entries costs a few statements per chunk, not per entry.
   */
  async finish(): Promise<{ latestSeq: number | null; sent: WrittenChange[] }> {
    const live: KnowledgeEntry[] = [];
    const ids = [...this.touched.keys()];
    for (let i = 0; i < ids.length; i += CHUNK) live.push(...(await this.refresh(ids.slice(i, i + CHUNK))));
    if (live.length === 0) return { latestSeq: null, sent: [] };
    const first = await this.repo.reserve(this.manager, live.length);
    const latestSeq = await this.repo.appendLive(this.manager, live, first, this.actorName, this.at);
    return { latestSeq, sent: live.map((e, i) => ({ id: e.id, locale: e.locale, version: e.version, seq: first + i })) };
  }

  /** The next version number: after every version, and after the version a retirement took (KnowledgeRepo.retireIn). */
  async nextVersion(id: string, locale: string): Promise<number> {
    const latest = await this.latest(id, locale);
    const entry = await this.manager.getRepository(this.entities.Entry).findOne({ select: { version: true }, where: { id, locale } });
    return Math.max(latest?.version ?? 0, Number(entry?.version ?? 0)) + 1;
  }

  private async refresh(ids: readonly string[]): Promise<KnowledgeEntry[]> {
    // Sent in the order the ids were touched (a publish batch's order), each id's locales by name.
    const position = new Map(ids.map((id, i) => [id, i]));
    const rows = (await this.versions.find({ where: { id: In(ids), state: 'approved' } })).sort(
      (a, b) => (position.get(a.id) as number) - (position.get(b.id) as number) || (a.locale < b.locale ? -1 : a.locale > b.locale ? 1 : 0),
    );
    const metas = new Map((await this.manager.getRepository(ReviewEntities.Meta).findBy({ id: In(ids) })).map((m) => [key(m.id, m.locale), m]));
    const sources = new Map((await this.manager.getRepository(ReviewEntities.Source).findBy({ id: In(ids) })).map((s) => [s.id, s.sourceLocale]));
    const liveVersion = new Map(rows.map((r) => [key(r.id, r.locale), r.version]));
    const signatures = await signaturesOf(this.manager, rows);
    const out: KnowledgeEntry[] = [];
    const sentMetas: MetaRow[] = [];
    const staleEvents: EventRow[] = [];
    for (const row of rows) {
      const meta = metas.get(key(row.id, row.locale));
      if (!meta) continue;
      const source = sources.get(row.id) ?? null;
      const sourceLive = source === null ? null : (liveVersion.get(key(row.id, source)) ?? null);
      const stale = source !== null && isTranslationStale({ locale: row.locale, confirmedSourceVersion: meta.confirmedSourceVersion }, { locale: source, liveVersion: sourceLive });
      const dueAt = verificationDueAt(row.approvedAt ?? this.at, meta.lastVerifiedAt, meta.verificationIntervalDays);
      const changed = dueAt !== meta.sentDueAt || (stale ? 1 : 0) !== Number(meta.sentStale) || source !== meta.sentSourceLocale;
      if (!changed && !this.touched.get(row.id)?.has(row.locale)) continue;
      if (stale && Number(meta.sentStale) === 0) {
        staleEvents.push(this.eventRow(row, 'marked_stale', `the source (${source}) is now at version ${sourceLive}`));
      }
      sentMetas.push({ ...meta, sentDueAt: dueAt, sentStale: stale ? 1 : 0, sentSourceLocale: source });
      out.push({
        id: row.id,
        locale: row.locale,
        ...versionContentOf(row),
        version: row.version,
        updatedAt: this.at,
        approvedBy: row.approvedBy,
        approvedAt: row.approvedAt,
        reviewState: 'approved',
        verificationDueAt: dueAt,
        staleTranslation: stale,
        sourceLocale: source,
        ...(signatures.has(versionKey(row)) ? { signatures: signatures.get(versionKey(row)) } : {}),
      });
    }
    await this.insertAll(ReviewEntities.Event, staleEvents);
    for (let i = 0; i < sentMetas.length; i += CHUNK) {
      await this.manager.getRepository(ReviewEntities.Meta).upsert(sentMetas.slice(i, i + CHUNK), ['id', 'locale']);
    }
    return out;
  }

  eventRow(row: { id: string; locale: string; version: number; state: string }, event: EventName, comment: string | null = null): EventRow {
    return { id: row.id, locale: row.locale, version: row.version, event, state: row.state, actor: this.actorName, at: this.at, comment } as EventRow;
  }

  /** Multi-row inserts, CHUNK rows a statement. */
  async insertAll<T extends object>(entity: EntitySchema<T>, rows: readonly T[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await this.manager.getRepository(entity).insert(rows.slice(i, i + CHUNK) as never);
  }
}

/** The owner and verification of a new (id, locale): its first author, the default interval. */
export function newMeta(row: VersionRow, at: string): MetaRow {
  return {
    id: row.id,
    locale: row.locale,
    owner: row.author,
    verificationIntervalDays: DEFAULT_VERIFICATION_INTERVAL_DAYS,
    lastVerifiedAt: null,
    lastVerifiedBy: null,
    confirmedSourceVersion: null,
    createdAt: at,
    sentDueAt: null,
    sentStale: 0,
    sentSourceLocale: null,
  };
}

/** Rows a statement: 500 × 17 columns stays far below SQLite's 32,766 parameters and PostgreSQL's 65,535. */
export const CHUNK = 500;

export function key(id: string, locale: string): string {
  return `${locale}\u0000${id}`;
}
