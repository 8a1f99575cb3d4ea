import type { ProcessResult, ProcessRunner, Which } from '../../../main/paste/process-runner';

export interface RecordedRun {
  command: string;
  args: string[];
  input: string | undefined;
}

/** A process runner that records calls and answers from a script keyed by command name. */
export function fakeRunner(answers: Record<string, Partial<ProcessResult>> = {}): ProcessRunner & { runs: RecordedRun[] } {
  const runs: RecordedRun[] = [];
  const run: ProcessRunner = async (command, args, options) => {
    runs.push({ command, args, input: options?.input });
    return { code: 0, stdout: '', stderr: '', ...answers[command] };
  };
  return Object.assign(run, { runs });
}

export function fakeWhich(installed: string[]): Which {
  return async (command) => (installed.includes(command) ? `/usr/bin/${command}` : null);
}
