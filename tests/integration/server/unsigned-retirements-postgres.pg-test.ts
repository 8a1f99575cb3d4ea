/** Retirements made without a signature, signed afterwards (issue #15 leftovers), on PostgreSQL (`npm run test:pg`). */
import { defineUnsignedRetirementSuite } from '../signing/unsigned-retirements-suite';
import { postgresServer } from './test-server';

const databaseUrl = process.env.CUECARD_TEST_DATABASE_URL;
if (!databaseUrl) throw new Error('CUECARD_TEST_DATABASE_URL is not set: run `source tests/ci/postgres.sh` first.');
defineUnsignedRetirementSuite('PostgreSQL', postgresServer(databaseUrl));
