import { definePageBytesSuite } from './page-bytes-suite';
import { sqliteServer } from './test-server';

definePageBytesSuite('SQLite', sqliteServer);
