/**
 * For an error port in a test that expects no failure: the failure is rethrown, so it fails the
 * test with its own message instead of vanishing (every onError/log port is mandatory).
 */
export function failOnLog(error: unknown): never {
  throw error instanceof Error ? error : new Error(String(error));
}
