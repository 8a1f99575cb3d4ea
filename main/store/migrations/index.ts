/**
 * Every migration, in the order it must run. Never reorder or edit a shipped one: add a new
 * file. The length of this list is the schema version written to `PRAGMA user_version`;
 * a DB whose user_version is larger was written by a newer app and is refused.
 */
import type { MigrationInterface } from 'typeorm';
import { InitialSchema0001 } from './0001-initial-schema';
import { StagedEntries0002 } from './0002-staged-entries';
import { ReviewMetadataAndFlags0003 } from './0003-review-metadata-and-flags';
import { Signatures0004 } from './0004-signatures';
import { UsageSignals0005 } from './0005-usage-signals';
import { HeldEdits0006 } from './0006-held-edits';

export const MIGRATIONS: ReadonlyArray<new () => MigrationInterface> = [
  InitialSchema0001,
  StagedEntries0002,
  ReviewMetadataAndFlags0003,
  Signatures0004,
  UsageSignals0005,
  HeldEdits0006,
];
export const SCHEMA_VERSION = MIGRATIONS.length;
