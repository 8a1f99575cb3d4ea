import { defineMigrationSuite } from './migration-suite';
import { defineServerSuite } from './server-suite';
import { defineAuthorisationMatrix } from './authorisation-matrix-suite';
import { defineLimitsSuite } from './limits-suite';
import { defineTextAndLogSuite } from './text-and-log-suite';
import { sqliteDb, sqliteServer } from './test-server';

defineServerSuite('SQLite', sqliteServer);
defineTextAndLogSuite('SQLite', sqliteServer);
defineLimitsSuite('SQLite', sqliteServer);
defineAuthorisationMatrix('SQLite', sqliteServer);
defineMigrationSuite('SQLite', sqliteDb, false);
