/** Retirements made without a signature, signed afterwards (issue #15 leftovers), on SQLite: unsigned-retirements-suite.ts. */
import { sqliteServer } from '../server/test-server';
import { defineUnsignedRetirementSuite } from './unsigned-retirements-suite';

defineUnsignedRetirementSuite('SQLite', sqliteServer);
