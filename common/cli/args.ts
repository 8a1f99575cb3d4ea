/**
 * The one command-line argument reader of the app CLI (`npm run cli`), the knowledge server
 * (`npm run server`) and the test harness: `--name value`, `--name=value`, bare `--flag`, and
 * positionals. Which options take a value is the caller's list; anything else is a UsageError,
 * which every entry point answers the same way (message + help on stderr, exit code 2).
 * Plain TypeScript (no `node:util`) so `common/` stays free of Node types.
 */

/** A mistake in how a command was called: the caller prints it with the help text and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit code of a usage mistake (as `getopt` conventions and the server's tests expect). */
export const USAGE_EXIT_CODE = 2;

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(
  args: readonly string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[] = [],
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (booleanFlags.includes(name)) {
      if (eq > 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (valueFlags.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags };
}

/** `--help` or `-h` anywhere before a `--`: the caller prints its help on stdout and exits 0. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.flags.get(name);
  return typeof value === 'string' ? value : undefined;
}

export function intFlag(parsed: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = stringFlag(parsed, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}
