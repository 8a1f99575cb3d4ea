/**
 * Issue #18's server SQL on PostgreSQL (`npm run test:pg`): the synonym API (review, edits,
 * signatures, the `synonyms` event through LISTEN/NOTIFY) and the leads loop (signals in,
 * reports out, synonyms to a real agent), the same suites the node project runs on SQLite.
 */
import { defineLeadsLoopSuite } from '../signals/leads-loop-suite';
import { defineSynonymServerSuite } from '../synonyms/synonym-server-suite';
import { postgresServer } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) {
  throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first (see server-postgres.pg-test.ts).');
}
const factory = postgresServer(databaseUrl);

defineSynonymServerSuite('PostgreSQL', factory);
defineLeadsLoopSuite('PostgreSQL', factory);
