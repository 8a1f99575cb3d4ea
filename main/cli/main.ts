/**
 * `npm run cli -- <command> …`: the same store, search and sync code as the app, from a terminal.
 * Each command lives in commands/<name>.ts and exports run(args, io) → exit code.
 */
import type { CliIo } from './cli-io';
import { UsageError } from './cli-io';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  import: () => import('./commands/import'),
  search: () => import('./commands/search'),
  publish: () => import('./commands/publish'),
  retire: () => import('./commands/retire'),
  sync: () => import('./commands/sync'),
};

const HELP = `usage: npm run cli -- <command> [options]

  import <file.ndjson> [--data-dir <dir>] [--kind article|template] [--format cuecard|osticket]
  search "<query>" [--data-dir <dir>] [--locale fr] [--kind template] [--limit 10] [--json]
  search --queries <file.jsonl> [--data-dir <dir>] [--limit 10]
  publish <file.ndjson> --kind article|template --server <url> --token <t>
  retire <id> --locale <l> --server <url> --token <t>
  sync --server <url> --token <t> [--data-dir <dir>] [--watch]`;

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    io.stderr(HELP);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${HELP}`);
      return 2;
    }
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`fatal: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
