/** What a CLI command may print to: stdout carries results only, stderr everything else. */
export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
}
