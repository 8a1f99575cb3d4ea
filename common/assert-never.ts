/** Exhaustiveness guard for `switch` over unions: adding a case without handling it fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
