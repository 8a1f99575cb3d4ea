/** The leads loop on SQLite (the same suite runs on PostgreSQL in the `pg` project). */
import { sqliteServer } from '../server/test-server';
import { defineLeadsLoopSuite } from './leads-loop-suite';

defineLeadsLoopSuite('SQLite', sqliteServer);
