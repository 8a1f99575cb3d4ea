import { defineMigrationSuite } from './migration-suite';
import { defineServerSuite } from './server-suite';
import { sqliteDb, sqliteServer } from './test-server';

defineServerSuite('SQLite', sqliteServer);
defineMigrationSuite('SQLite', sqliteDb, false);
