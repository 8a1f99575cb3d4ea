/**
 * Migration 3 (issue #13): versions, history, owners and verification, source locales and flags
 * (see ../../review/review-entities.ts). Entries published before it become version rows as
 * approved in bulk by whoever published them (they were live without a review), each owned by
 * that person; per id the alphabetically first locale becomes the source (the creation order is
 * not known), and every translation counts as confirmed against the source's live version, so
 * nothing is marked stale by the upgrade itself.
 */
import type { QueryRunner } from 'typeorm';
import { DEFAULT_VERIFICATION_INTERVAL_DAYS } from '../../../common/workflow-rules';
import { int, optionalTexts, primaryKey, text, texts } from './columns';
import { tablesMigration } from './tables-migration';

/** Entries published before the workflow: approved in bulk by their publisher. */
async function approvedInBulk(q: QueryRunner): Promise<void> {
  await q.query(
    `INSERT INTO entry_versions (id, locale, version, kind, title, body, tags, url_or_path, state, author, created_at,
         based_on, rollback_of, approved_by, approved_at, bulk, review_comment)
       SELECT id, locale, version, kind, title, body, tags, url_or_path,
         CASE WHEN retired_at IS NULL THEN 'approved' ELSE 'retired' END,
         COALESCE(approved_by, 'unknown'), updated_at, NULL, NULL, approved_by, approved_at, 1, NULL
       FROM entries`,
  );
  await q.query(
    `INSERT INTO entry_events (id, locale, version, event, state, actor, at, comment)
       SELECT id, locale, version, 'bulk_approved', CASE WHEN retired_at IS NULL THEN 'approved' ELSE 'retired' END,
         COALESCE(approved_by, 'unknown'), COALESCE(approved_at, updated_at), 'published before reviews existed'
       FROM entries`,
  );
  await q.query(`INSERT INTO entry_sources (id, source_locale) SELECT id, MIN(locale) FROM entries GROUP BY id`);
  await q.query(
    `INSERT INTO entry_meta (id, locale, owner, verification_interval_days, last_verified_at, last_verified_by,
         confirmed_source_version, created_at, sent_due_at, sent_stale, sent_source_locale)
       SELECT e.id, e.locale, COALESCE(e.approved_by, 'unknown'), ${DEFAULT_VERIFICATION_INTERVAL_DAYS}, NULL, NULL,
         (SELECT s.version FROM entries s JOIN entry_sources src ON src.id = s.id AND src.source_locale = s.locale WHERE s.id = e.id),
         e.updated_at, NULL, 0, NULL
       FROM entries e`,
  );
}

export const ReviewWorkflow1732870000003 = tablesMigration(
  'ReviewWorkflow1732870000003',
  [
    {
      name: 'entry_versions',
      columns: [
        ...primaryKey(text('id'), text('locale'), int('version')),
        ...texts('kind', 'title', 'body', 'tags'),
        text('url_or_path', true),
        ...texts('state', 'author', 'created_at'),
        int('based_on', true), int('rollback_of', true),
        ...optionalTexts('approved_by', 'approved_at'),
        int('bulk'),
        text('review_comment', true),
      ],
      indices: [{ name: 'entry_versions_state', columnNames: ['state'] }],
    },
    {
      name: 'entry_events',
      columns: [
        { ...int('event_id'), isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        text('id'), text('locale'), int('version'),
        ...texts('event', 'state', 'actor', 'at'),
        text('comment', true),
      ],
      indices: [{ name: 'entry_events_entry', columnNames: ['id', 'locale'] }],
    },
    {
      name: 'entry_meta',
      columns: [
        ...primaryKey(text('id'), text('locale')),
        text('owner'),
        int('verification_interval_days'),
        ...optionalTexts('last_verified_at', 'last_verified_by'),
        int('confirmed_source_version', true),
        text('created_at'),
        text('sent_due_at', true),
        int('sent_stale'),
        text('sent_source_locale', true),
      ],
    },
    { name: 'entry_sources', columns: [...primaryKey(text('id')), text('source_locale')] },
    {
      name: 'flags',
      columns: [
        ...primaryKey(text('flag_id')),
        { ...text('client_id'), isUnique: true },
        text('id'), text('locale'), int('version'),
        ...texts('reason', 'comment', 'raised_by', 'raised_at'),
        ...optionalTexts('resolved_by', 'resolved_at', 'resolution', 'resolution_comment'),
      ],
      indices: [{ name: 'flags_open', columnNames: ['resolved_at'] }],
    },
  ],
  approvedInBulk,
);
