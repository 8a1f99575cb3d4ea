/** The synonym API on SQLite (the same suite runs on PostgreSQL in the `pg` project). */
import { sqliteServer } from '../server/test-server';
import { defineSynonymServerSuite } from './synonym-server-suite';

defineSynonymServerSuite('SQLite', sqliteServer);
