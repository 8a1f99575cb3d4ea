import type { QueryRunner } from 'typeorm';
import type { Dialect } from '../dialect';

export function dialectOf(queryRunner: QueryRunner): Dialect {
  const type = queryRunner.connection.options.type;
  if (type === 'postgres' || type === 'sqlite') return type;
  throw new Error(`unsupported database type ${type}`);
}
