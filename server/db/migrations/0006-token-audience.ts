/**
 * Migration 6 (issue #17): a token's audience. A `bot` token reads only live entries carrying at
 * least one of its tags (a JSON array; NULL = the default, `public`). Other roles ignore it.
 */
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class TokenAudience1732870000006 implements MigrationInterface {
  readonly name = 'TokenAudience1732870000006';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('tokens', new TableColumn({ name: 'tags', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('tokens', 'tags');
  }
}
