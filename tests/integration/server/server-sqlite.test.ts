import { defineServerSuite } from './server-suite';
import { sqliteServer } from './test-server';

defineServerSuite('SQLite', sqliteServer);
