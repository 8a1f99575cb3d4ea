/**
 * The review workflow's tables (issue #13), created by migration 0003:
 * - entry_versions: every version of every (id, locale) with its content, state, author and approval;
 * - entry_events: the history, one row per step (submitted, approved, rejected, verified, …);
 * - entry_meta: per (id, locale) the owner, the verification interval and last verification, the
 *   source version a translation was last approved or confirmed against, and the review metadata
 *   last sent to agents (so a change of it — say, a translation going stale — is sent once);
 * - entry_sources: per id, its source locale;
 * - flags: agents' flags and how they were resolved.
 * The `entries` table and the change log stay what agents are served: approved versions only.
 */
import { EntitySchema } from 'typeorm';

export interface VersionRow {
  id: string;
  locale: string;
  version: number;
  kind: string;
  title: string;
  body: string;
  /** JSON array of strings. */
  tags: string;
  urlOrPath: string | null;
  state: string;
  author: string;
  createdAt: string;
  basedOn: number | null;
  rollbackOf: number | null;
  approvedBy: string | null;
  approvedAt: string | null;
  /** 1 when an admin approved it in bulk (a migration), without a second reader. */
  bulk: number;
  reviewComment: string | null;
  /** Saves of this draft in place by its author (migration 0008); 0 for every other version. */
  revision: number;
}

export interface EventRow {
  eventId: number;
  id: string;
  locale: string;
  version: number;
  event: string;
  /** The version's state after this step. */
  state: string;
  actor: string;
  at: string;
  comment: string | null;
}

export interface MetaRow {
  id: string;
  locale: string;
  owner: string;
  verificationIntervalDays: number;
  lastVerifiedAt: string | null;
  lastVerifiedBy: string | null;
  confirmedSourceVersion: number | null;
  createdAt: string;
  sentDueAt: string | null;
  sentStale: number;
  sentSourceLocale: string | null;
}

export interface SourceRow {
  id: string;
  sourceLocale: string;
}

export interface FlagRow {
  flagId: string;
  clientId: string;
  id: string;
  locale: string;
  version: number;
  reason: string;
  comment: string;
  raisedBy: string;
  raisedAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  resolutionComment: string | null;
}

/** What a version holds, as agents, the Library and the workflow read it. */
export interface VersionContentFields {
  kind: 'template' | 'article';
  title: string;
  body: string;
  tags: string[];
  urlOrPath: string | null;
}

/** The one reading of a stored version's content: the kind as its enum, the tags from their JSON text. */
export function versionContentOf(row: VersionRow): VersionContentFields {
  return { kind: row.kind === 'template' ? 'template' : 'article', title: row.title, body: row.body, tags: JSON.parse(row.tags) as string[], urlOrPath: row.urlOrPath };
}

const text = { type: 'text' } as const;
const optionalText = { type: 'text', nullable: true } as const;

export const ReviewEntities = {
  Version: new EntitySchema<VersionRow>({
    name: 'EntryVersion',
    tableName: 'entry_versions',
    columns: {
      id: { ...text, primary: true },
      locale: { ...text, primary: true },
      version: { type: 'integer', primary: true },
      kind: text,
      title: text,
      body: text,
      tags: text,
      urlOrPath: optionalText,
      state: text,
      author: text,
      createdAt: text,
      basedOn: { type: 'integer', nullable: true },
      rollbackOf: { type: 'integer', nullable: true },
      approvedBy: optionalText,
      approvedAt: optionalText,
      bulk: { type: 'integer' },
      reviewComment: optionalText,
      revision: { type: 'integer', default: 0 },
    },
    indices: [{ name: 'entry_versions_state', columns: ['state'] }],
  }),
  Event: new EntitySchema<EventRow>({
    name: 'EntryEvent',
    tableName: 'entry_events',
    columns: {
      eventId: { type: 'integer', primary: true, generated: 'increment' },
      id: text,
      locale: text,
      version: { type: 'integer' },
      event: text,
      state: text,
      actor: text,
      at: text,
      comment: optionalText,
    },
    indices: [{ name: 'entry_events_entry', columns: ['id', 'locale'] }],
  }),
  Meta: new EntitySchema<MetaRow>({
    name: 'EntryMeta',
    tableName: 'entry_meta',
    columns: {
      id: { ...text, primary: true },
      locale: { ...text, primary: true },
      owner: text,
      verificationIntervalDays: { type: 'integer' },
      lastVerifiedAt: optionalText,
      lastVerifiedBy: optionalText,
      confirmedSourceVersion: { type: 'integer', nullable: true },
      createdAt: text,
      sentDueAt: optionalText,
      sentStale: { type: 'integer' },
      sentSourceLocale: optionalText,
    },
  }),
  Source: new EntitySchema<SourceRow>({
    name: 'EntrySource',
    tableName: 'entry_sources',
    columns: {
      id: { ...text, primary: true },
      sourceLocale: text,
    },
  }),
  Flag: new EntitySchema<FlagRow>({
    name: 'Flag',
    tableName: 'flags',
    columns: {
      flagId: { ...text, primary: true },
      clientId: { ...text, unique: true },
      id: text,
      locale: text,
      version: { type: 'integer' },
      reason: text,
      comment: text,
      raisedBy: text,
      raisedAt: text,
      resolvedBy: optionalText,
      resolvedAt: optionalText,
      resolution: optionalText,
      resolutionComment: optionalText,
    },
    indices: [{ name: 'flags_open', columns: ['resolvedAt'] }],
  }),
};
