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
import { entity, integers, optionalIntegers, optionalTexts, primaryKey, texts } from '../../common/entity-kit';

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

export const ReviewEntities = {
  Version: entity<VersionRow>(
    'EntryVersion',
    'entry_versions',
    {
      ...primaryKey({ ...texts('id', 'locale'), ...integers('version') }),
      ...texts('kind', 'title', 'body', 'tags'),
      ...optionalTexts('urlOrPath'),
      ...texts('state', 'author', 'createdAt'),
      ...optionalIntegers('basedOn', 'rollbackOf'),
      ...optionalTexts('approvedBy', 'approvedAt'),
      ...integers('bulk'),
      ...optionalTexts('reviewComment'),
      revision: { type: 'integer', default: 0 },
    },
    [{ name: 'entry_versions_state', columns: ['state'] }],
  ),
  Event: entity<EventRow>(
    'EntryEvent',
    'entry_events',
    {
      eventId: { type: 'integer', primary: true, generated: 'increment' },
      ...texts('id', 'locale'),
      ...integers('version'),
      ...texts('event', 'state', 'actor', 'at'),
      ...optionalTexts('comment'),
    },
    [{ name: 'entry_events_entry', columns: ['id', 'locale'] }],
  ),
  Meta: entity<MetaRow>('EntryMeta', 'entry_meta', {
    ...primaryKey(texts('id', 'locale')),
    ...texts('owner'),
    ...integers('verificationIntervalDays'),
    ...optionalTexts('lastVerifiedAt', 'lastVerifiedBy'),
    ...optionalIntegers('confirmedSourceVersion'),
    ...texts('createdAt'),
    ...optionalTexts('sentDueAt'),
    ...integers('sentStale'),
    ...optionalTexts('sentSourceLocale'),
  }),
  Source: entity<SourceRow>('EntrySource', 'entry_sources', { ...primaryKey(texts('id')), ...texts('sourceLocale') }),
  Flag: entity<FlagRow>(
    'Flag',
    'flags',
    {
      ...primaryKey(texts('flagId')),
      clientId: { type: 'text', unique: true },
      ...texts('id', 'locale'),
      ...integers('version'),
      ...texts('reason', 'comment', 'raisedBy', 'raisedAt'),
      ...optionalTexts('resolvedBy', 'resolvedAt', 'resolution', 'resolutionComment'),
    },
    [{ name: 'flags_open', columns: ['resolvedAt'] }],
  ),
};
