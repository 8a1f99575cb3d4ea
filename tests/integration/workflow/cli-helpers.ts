/** Running CLI commands in-process against a real server, as the workflow tests do. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../main/cli/cli-io';

export type CapturedIo = CliIo & { out: string[]; err: string[] };

export function captureIo(): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function ndjsonFile(records: unknown[]): string {
  const file = path.join(tempDir('cuecard-workflow-'), 'records.ndjson');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return file;
}

/** Runs `command` with `args`; returns its exit code and what it printed. */
export async function cli(command: { run(args: string[], io: CliIo): Promise<number> }, args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = captureIo();
  const code = await command.run(args, io);
  return { code, out: io.out, err: io.err };
}

export function jsonLines<T = Record<string, unknown>>(lines: readonly string[]): T[] {
  return lines.map((line) => JSON.parse(line) as T);
}
