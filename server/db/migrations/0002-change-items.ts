/**
 * Migration 2:
 * - change_log keeps each change as its page item (`item`, JSON without the seq) instead of the
 *   entry beside separately stored id and locale: a page item is then built from one source, so
 *   its id and its entry can never disagree (issue #12). The table is rebuilt (SQLite cannot add
 *   a NOT NULL column to a filled table) and every old row converted from its entry.
 * - server_state.db_identity: the database the log was last served from (see ../epoch.ts).
 * - server_state and tokens are rebuilt too, so a database made before migrations ends with the
 *   same constraints as a new one (its SQLite tables allowed a NULL key and named the token-hash
 *   index differently); a test compares the result with the entities on both engines.
 */
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from './dialect-of';
import { rawRows } from '../raw-sql';
import { changeItemJson } from '../change-item';
import { text } from './columns';
import { changeLogColumns0001, serverStateColumns0001, tokenColumns0001 } from './0001-baseline';

const COPY_CHUNK = 1000;

export class ChangeItems1732870000002 implements MigrationInterface {
  readonly name = 'ChangeItems1732870000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const seq = dialectOf(queryRunner) === 'postgres' ? 'bigint' : 'integer';
    // change_log's columns with the page item in place of the entry.
    const changeLog = [...changeLogColumns0001(seq).filter((column) => column.name !== 'entry'), text('item')];
    await queryRunner.createTable(new Table({ name: 'change_log_v2', columns: changeLog }));
    let after = 0;
    for (;;) {
      const rows = await rawRows<{ seq: number | string; op: string; id: string; locale: string; version: number; entry: string | null; at: string; actor: string }>(
        queryRunner,
        'SELECT seq, op, id, locale, version, entry, at, actor FROM change_log WHERE seq > :after ORDER BY seq LIMIT :limit',
        { after, limit: COPY_CHUNK },
      );
      if (rows.length === 0) break;
      await queryRunner.manager
        .createQueryBuilder()
        .insert()
        .into('change_log_v2', namesOf(changeLog))
        .values(
          rows.map((r) => ({
            seq: Number(r.seq),
            op: r.op,
            id: r.id,
            locale: r.locale,
            version: r.version,
            at: r.at,
            actor: r.actor,
            item:
              r.op === 'upsert' && r.entry !== null
                ? changeItemJson({ op: 'upsert', entry: JSON.parse(r.entry) as { id: string; locale: string } })
                : changeItemJson({ op: 'remove', id: r.id, locale: r.locale }),
          })),
        )
        .execute();
      after = Number(rows[rows.length - 1]?.seq);
    }
    await replaceTable(queryRunner, 'change_log');
    const serverState = serverStateColumns0001(seq);
    await rebuildTable(queryRunner, new Table({ name: 'server_state', columns: [...serverState, text('db_identity', true)] }), namesOf(serverState));
    await rebuildTable(queryRunner, new Table({ name: 'tokens', columns: tokenColumns0001() }), namesOf(tokenColumns0001()));
  }

  async down(): Promise<void> {
    throw new Error('migration 2 (change items) cannot be undone: restore a backup instead');
  }
}

/** Creates `<name>_v2` shaped as `table`, copies `columns` over, and puts it in the old one's place. */
async function rebuildTable(queryRunner: QueryRunner, table: Table, columns: readonly string[]): Promise<void> {
  const name = table.name;
  table.name = `${name}_v2`;
  await queryRunner.createTable(table);
  const list = columns.join(', ');
  await queryRunner.query(`INSERT INTO ${name}_v2 (${list}) SELECT ${list} FROM ${name}`);
  await replaceTable(queryRunner, name);
}

function namesOf(columns: ReadonlyArray<{ name: string }>): string[] {
  return columns.map((column) => column.name);
}

async function replaceTable(queryRunner: QueryRunner, name: string): Promise<void> {
  await queryRunner.dropTable(name);
  await queryRunner.renameTable(`${name}_v2`, name);
}
