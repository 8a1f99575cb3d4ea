/**
 * The bots' answers and the public FAQ (issue #17) on PostgreSQL (`npm run test:pg`): the same
 * suites as tests/integration/answers/ on SQLite, the index loaded and followed from PostgreSQL.
 */
import { defineAnswersSuite } from '../answers/answers-suite';
import { defineFaqSuite } from '../answers/faq-suite';
import { postgresServer } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first.');

defineAnswersSuite('PostgreSQL', postgresServer(databaseUrl));
defineFaqSuite('PostgreSQL', postgresServer(databaseUrl));
