/** The review workflow suite (tests/integration/workflow/workflow-suite.ts) on PostgreSQL: `npm run test:pg`. */
import { defineWorkflowSuite } from '../workflow/workflow-suite';
import { postgresDb } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first.');

defineWorkflowSuite('PostgreSQL', postgresDb(databaseUrl));
