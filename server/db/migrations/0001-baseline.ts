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

export class Baseline1732870000001 implements MigrationInterface {
  readonly name = 'Baseline1732870000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await queryRunner.hasTable('server_state')) return; // made by the pre-migration server
    const seq = dialectOf(queryRunner) === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.createTable(
      new Table({
        name: 'server_state',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'latest_seq', type: seq },
          { name: 'epoch', type: 'text' },
          { name: 'created_at', type: 'text' },
        ],
      }),
    );
    await rawRows(queryRunner, 'INSERT INTO server_state (id, latest_seq, epoch, created_at) VALUES (1, 0, :epoch, :at)', {
      epoch: randomUUID(),
      at: new Date().toISOString(),
    });
    await queryRunner.createTable(
      new Table({
        name: 'entries',
        columns: [
          { name: 'id', type: 'text', isPrimary: true },
          { name: 'locale', type: 'text', isPrimary: true },
          { name: 'kind', type: 'text' },
          { name: 'title', type: 'text' },
          { name: 'body', type: 'text' },
          { name: 'tags', type: 'text' },
          { name: 'url_or_path', type: 'text', isNullable: true },
          { name: 'version', type: 'integer' },
          { name: 'updated_at', type: 'text' },
          { name: 'approved_by', type: 'text', isNullable: true },
          { name: 'approved_at', type: 'text', isNullable: true },
          { name: 'review_state', type: 'text' },
          { name: 'retired_at', type: 'text', isNullable: true },
          { name: 'last_seq', type: seq },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'change_log',
        columns: [
          { name: 'seq', type: seq, isPrimary: true },
          { name: 'op', type: 'text' },
          { name: 'id', type: 'text' },
          { name: 'locale', type: 'text' },
          { name: 'version', type: 'integer' },
          { name: 'entry', type: 'text', isNullable: true },
          { name: 'at', type: 'text' },
          { name: 'actor', type: 'text' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tokens',
        columns: [
          { name: 'name', type: 'text', isPrimary: true },
          { name: 'token_hash', type: 'text', isUnique: true },
          { name: 'role', type: 'text' },
          { name: 'created_at', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tokens', 'change_log', 'entries', 'server_state']) await queryRunner.dropTable(table);
  }
}
