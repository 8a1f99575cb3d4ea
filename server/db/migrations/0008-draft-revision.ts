/**
 * Migration 8 (issue #14): a draft saved again by its author is updated in place (the Library's
 * Ctrl+S) instead of becoming a new version per save; `revision` counts those saves, so a save made
 * from an older revision of the same draft is refused as a stale base (never overwrites).
 */
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class DraftRevision1732870000008 implements MigrationInterface {
  readonly name = 'DraftRevision1732870000008';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('entry_versions', new TableColumn({ name: 'revision', type: 'integer', isNullable: false, default: 0 }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('entry_versions', 'revision');
  }
}
