import type { ProcessResult, ProcessRunner, Which } from '../../../main/paste/process-runner';

export interface RecordedRun {
  command: string;
  args: string[];
  input: string | undefined;
}

/**
 * A process runner that records calls and answers from a script keyed by "command subcommand"
 * (e.g. "xdotool getactivewindow") or by command name; anything unscripted succeeds silently.
 */
export function fakeRunner(answers: Record<string, Partial<ProcessResult>> = {}): ProcessRunner & { runs: RecordedRun[] } {
  const runs: RecordedRun[] = [];
  const run: ProcessRunner = async (command, args, options) => {
    runs.push({ command, args, input: options?.input });
    return { code: 0, stdout: '', stderr: '', ...(answers[`${command} ${args[0]}`] ?? answers[command]) };
  };
  return Object.assign(run, { runs });
}

export function fakeWhich(installed: string[]): Which {
  const absolute = (command: string) => command.startsWith('/') || command.includes('\\');
  return async (command) => (installed.includes(command) ? (absolute(command) ? command : `/usr/bin/${command}`) : null);
}

/** Answers for an X11 session whose focused window (id 4194317) has the given WM_CLASS. */
export function focusedX11Window(instance: string, className: string): Record<string, Partial<ProcessResult>> {
  return {
    'xdotool getactivewindow': { stdout: '4194317\n' },
    xprop: { stdout: `WM_CLASS(STRING) = "${instance}", "${className}"\n` },
  };
}
