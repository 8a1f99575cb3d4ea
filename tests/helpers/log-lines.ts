/** A Logger port for tests that keeps each call as the log file would read it: `message: error message`. */
export function collectLogLines(lines: string[]): (message: string, error?: unknown) => void {
  return (message, error) =>
    void lines.push(error === undefined ? message : `${message}: ${error instanceof Error ? error.message : String(error)}`);
}
