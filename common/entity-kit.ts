/**
 * Builders for TypeORM entities (EntitySchema: plain objects, no decorators) of the app and the
 * server, so an entity says only which columns it has, in order: columns are keyed by property
 * and named by the one snake_case rule (./snake-case-columns.ts). What a builder returns is what
 * the entities spelled out before (checked identical: names, types, nullability, keys, defaults,
 * indices), and the migrated-schema-vs-entities tests check them against each database.
 */
import { EntitySchema, type EntitySchemaColumnOptions, type EntitySchemaIndexOptions } from 'typeorm';

type Columns<K extends string> = Record<K, EntitySchemaColumnOptions>;

const columnsOf =
  (options: EntitySchemaColumnOptions) =>
  <K extends string>(...properties: K[]): Columns<K> =>
    Object.fromEntries(properties.map((property) => [property, options])) as Columns<K>;

/** Non-null text columns, in order. */
export const texts = columnsOf({ type: 'text' });
/** Nullable text columns, in order. */
export const optionalTexts = columnsOf({ type: 'text', nullable: true });
/** Non-null integer columns, in order. */
export const integers = columnsOf({ type: 'integer' });
/** Nullable integer columns, in order. */
export const optionalIntegers = columnsOf({ type: 'integer', nullable: true });
/** The same columns as part of the primary key. */
export const primaryKey = <K extends string>(columns: Columns<K>): Columns<K> =>
  Object.fromEntries(Object.entries<EntitySchemaColumnOptions>(columns).map(([property, options]) => [property, { ...options, primary: true }])) as Columns<K>;

/** An entity of table `tableName`, its columns in order, and its indices when it has any. */
export function entity<T>(name: string, tableName: string, columns: { [P in keyof T]: EntitySchemaColumnOptions }, indices?: EntitySchemaIndexOptions[]): EntitySchema<T> {
  return new EntitySchema<T>({ name, tableName, columns, ...(indices ? { indices } : {}) });
}
