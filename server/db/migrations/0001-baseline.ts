/**
 * Migration 1: the schema as the first server release created it (with CREATE TABLE IF NOT
 * EXISTS at every start, before versioned migrations). A database made by that code already has
 * these tables and no migrations table: this migration then only records itself, so old
 * databases continue from here. Later migrations change the schema step by step.
 */
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { dialectOf } from './dialect-of';
import { rawRows } from '../raw-sql';
import { int, optionalTexts, primaryKey, seqColumn, text, texts } from './columns';

// The tables migration 2 rebuilds, as this migration made them (frozen with both).
export const serverStateColumns0001 = (seq: string) => [...primaryKey(int('id')), seqColumn('latest_seq', seq), ...texts('epoch', 'created_at')];
export const changeLogColumns0001 = (seq: string) => [
  ...primaryKey(seqColumn('seq', seq)),
  ...texts('op', 'id', 'locale'),
  int('version'),
  text('entry', true),
  ...texts('at', 'actor'),
];
export const tokenColumns0001 = () => [...primaryKey(text('name')), { ...text('token_hash'), isUnique: true }, ...texts('role', 'created_at')];

export class Baseline1732870000001 implements MigrationInterface {
  readonly name = 'Baseline1732870000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable('server_state')) return; // made by the pre-migration server
    const seq = dialectOf(queryRunner) === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.createTable(new Table({ name: 'server_state', columns: serverStateColumns0001(seq) }));
    await rawRows(queryRunner, 'INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 0, :epoch, :at)', {
      epoch: randomUUID(),
      at: new Date().toISOString(),
    });
    await queryRunner.createTable(
      new Table({
        name: 'entries',
        columns: [
          ...primaryKey(text('id'), text('locale')),
          ...texts('kind', 'title', 'body', 'tags'),
          text('url_or_path', true),
          int('version'),
          text('updated_at'),
          ...optionalTexts('approved_by', 'approved_at'),
          text('review_state'),
          text('retired_at', true),
          seqColumn('last_seq', seq),
        ],
      }),
    );
    await queryRunner.createTable(new Table({ name: 'change_log', columns: changeLogColumns0001(seq) }));
    await queryRunner.createTable(new Table({ name: 'tokens', columns: tokenColumns0001() }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tokens', 'change_log', 'entries', 'server_state']) await queryRunner.dropTable(table);
  }
}
