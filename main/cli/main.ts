/**
 * `npm run cli -- <command> …`: the same store, search and sync code as the app, from a terminal.
 * Each command lives in commands/<name>.ts and exports run(args, io) → exit code.
 */
import { USAGE_EXIT_CODE, UsageError, wantsHelp } from '../../common/cli/args';
import type { CliIo } from './cli-io';

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * The commands: each is commands/<name>.ts, loaded only when run (so `--help` loads none). The
 * file name is the command's, so the table is the names alone; a name not in it is never loaded.
 * (Run by tsx, not bundled; Vite would also bundle this import: a relative template ending in
 * `.ts`, one folder deep, is what its dynamic-import-vars takes.)
 */
const COMMANDS: ReadonlySet<string> = new Set([
  ...['import', 'search', 'publish', 'retire', 'sync'],
  // the review workflow (issue #13)
  ...['approve', 'reject', 'verify', 'confirm-translation', 'rollback', 'history', 'queue', 'export', 'flags'],
  // one answer everywhere (issue #17)
  'consistency',
  // signed knowledge (issue #15)
  ...['keys', 'show', 'audit'],
  // what agents miss and say in other words (issue #18)
  ...['synonyms', 'report'],
]);

const HELP = `usage: npm run cli -- <command> [options]

  import <file.ndjson|.csv|.json> [--data-dir <dir>] [--kind article|template] [--format cuecard|csv|osticket|zendesk] [--locale <l>] [--skip-bad-rows]
  import <file> --server <url> --token <lead> [--dry-run] [--json] [--skip-bad-rows]
  search "<query>" [--data-dir <dir>] [--locale fr] [--kind template] [--limit 10] [--json]
  search --queries <file.jsonl> [--data-dir <dir>] [--limit 10]
  publish <file.ndjson> --kind article|template --server <url> --token <t>
  retire <id> --locale <l> [--key <file>] --server <url> --token <t>
  retire --unsigned [--sign --key <file>] --server <url> --token <lead>
  sync --server <url> --token <t> [--data-dir <dir>] [--watch] [--org-root-key <pk>]
  approve <id> --locale <l> [--version <n>] [--key <file>] --server <url> --token <lead>
  verify|confirm-translation <id> --locale <l> --server <url> --token <lead>
  reject <id> --locale <l> --comment "<text>" --server <url> --token <lead>
  rollback <id> --locale <l> --to <version> --server <url> --token <lead>
  history <id> --locale <l> --server <url> --token <t> [--json]
  queue --server <url> --token <lead> [--json] [--mine]
  export --server <url> --token <lead> [--out <file>]
  flags list --server <url> --token <lead> [--json] [--mine]
  flags resolve <flagId> --server <url> --token <lead> [--resolution fixed|dismissed] [--comment "<text>"]
  consistency --server <url> --token <lead> [--faq-tag faq] [--bot-tags public] [--json]
  keys init-root --out <file>  |  keys create --out <file>
  keys register --public-key <pk> --name <n> --server <url> --token <lead>
  keys sign-list --root-key <file> --server <url> --token <admin> [--revoke <name> [--revoke-from <time>]] [--sensitive-tags refund,legal]
  show <id> --locale <l> --data-dir <dir> [--json] [--org-root-key <pk>]
  audit --data-dir <dir> --org-root-key <pk>
  synonyms import <file.csv> --server <url> --token <lead>   (header: locale,terms,one_way_to)
  synonyms add --locale <l> --terms "a;b" [--one-way-to <t>] | list [--state s] [--json] | approve <rule-id> [--key <file>] | reject|retire <rule-id>  --server <url> --token <lead>
  report no-results|usage|edits|stale --server <url> --token <lead> [--json] [--csv] [--since <date>] [--until <date>] [--limit <n>]`;

async function main(argv: string[]): Promise<number> {
  const io: CliIo = {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  };
  const [name, ...rest] = argv;
  // Asked-for help is the command's output (stdout, exit 0); help after a mistake goes to stderr.
  if (name === 'help' || wantsHelp(argv)) {
    io.stdout(HELP);
    return 0;
  }
  if (!name) {
    io.stderr(HELP);
    return USAGE_EXIT_CODE;
  }
  if (!COMMANDS.has(name)) {
    io.stderr(`unknown command "${name}"\n\n${HELP}`);
    return USAGE_EXIT_CODE;
  }
  try {
    const command = (await import(`./commands/${name}.ts`)) as { run: Command };
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n\n${HELP}`);
      return USAGE_EXIT_CODE;
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
