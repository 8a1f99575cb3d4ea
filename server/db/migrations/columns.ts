/**
 * Column builders for the migrations' TypeORM `Table` definitions, shared so each migration says
 * only which columns it makes. Frozen with the migrations that use them: what a builder returns
 * decides the DDL those migrations ran (on both engines), so never change one; a new kind of
 * column gets a new builder. TypeORM reads a missing `isNullable`/`isPrimary` as false, so
 * `{ name, type }` and `text(name)` make the same column.
 */
import type { TableColumnOptions } from 'typeorm';

export const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
export const int = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable });
export const real = (name: string): TableColumnOptions => ({ name, type: 'real', isNullable: false });
/** A change-log sequence number: BIGINT on PostgreSQL, INTEGER (the rowid, when it is the key) on SQLite. */
export const seqColumn = (name: string, type: string): TableColumnOptions => ({ name, type, isNullable: false });

/** Non-null text columns, in order. */
export const texts = (...names: string[]): TableColumnOptions[] => names.map((name) => text(name));
/** Non-null integer columns, in order. */
export const ints = (...names: string[]): TableColumnOptions[] => names.map((name) => int(name));
/** Nullable text columns, in order. */
export const optionalTexts = (...names: string[]): TableColumnOptions[] => names.map((name) => text(name, true));
/** Columns that together make the primary key. */
export const primaryKey = (...columns: TableColumnOptions[]): TableColumnOptions[] => columns.map((column) => ({ ...column, isPrimary: true }));
