import { afterEach, beforeEach } from 'vitest';

/**
 * A resource each test of the enclosing describe gets fresh (a server, a signing world): opened
 * before the test, closed after it. The value returned stands for the current test's resource
 * (its properties and methods are read from it), so tests use it as they would the resource.
 */
export function eachTest<T extends object & { close(): Promise<void> }>(open: () => Promise<T>): T {
  let current: T | null = null;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    const closing = current;
    current = null;
    await closing?.close();
  });
  return new Proxy({} as T, {
    get(_, property) {
      if (!current) throw new Error(`eachTest: ${String(property)} read outside a test`);
      const value: unknown = Reflect.get(current, property);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
