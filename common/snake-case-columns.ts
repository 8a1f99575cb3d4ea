/**
 * The one rule for an entity column's name, on both databases (the app's SQLite, the server's
 * SQLite or PostgreSQL): the property in snake_case (`urlOrPath` → `url_or_path`), so entities
 * name a column only where it differs from that. Only column names change from TypeORM's default
 * strategy: tables, keys, indices and constraints keep its defaults (every entity names its table
 * and indices, and the default key and constraint names hash the column names, which are the
 * migrations'). The migrated-schema-vs-entities tests on every engine check the result.
 */
import { DefaultNamingStrategy, type NamingStrategyInterface } from 'typeorm';

const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

class SnakeCaseColumns extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, embeddedPrefixes: string[]): string {
    return customName || snakeCase([...embeddedPrefixes, propertyName].join('_'));
  }
}

export const snakeCaseColumns: NamingStrategyInterface = new SnakeCaseColumns();
