import { sqliteServer } from '../server/test-server';
import { defineAnswersSuite } from './answers-suite';

defineAnswersSuite('SQLite', sqliteServer);
