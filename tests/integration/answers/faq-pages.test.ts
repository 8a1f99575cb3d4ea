import { sqliteServer } from '../server/test-server';
import { defineFaqSuite } from './faq-suite';

defineFaqSuite('SQLite', sqliteServer);
