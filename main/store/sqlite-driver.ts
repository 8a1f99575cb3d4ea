/**
 * The sqlite3 module handed to TypeORM. TypeORM calls `driver.verbose()`, which wraps every
 * statement call to capture a stack trace and `util.inspect` its arguments (long stack traces
 * for errors). That was ~10 % of a sync client's CPU applying a page per poke, and the batch
 * insert of a full sync inspected thousands of parameters per statement. Errors keep their
 * message and SQLite code without it.
 */
import sqlite3 from 'sqlite3';

export const sqliteDriverWithoutTraces: typeof sqlite3 = Object.assign(Object.create(sqlite3) as typeof sqlite3, {
  verbose: () => sqliteDriverWithoutTraces,
});
