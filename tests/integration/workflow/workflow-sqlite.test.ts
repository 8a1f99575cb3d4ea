import { defineWorkflowSuite } from './workflow-suite';
import { sqliteDb } from '../server/test-server';

defineWorkflowSuite('SQLite', sqliteDb);
