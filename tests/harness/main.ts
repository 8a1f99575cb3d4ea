/**
 * `npm run harness -- --port <n> --data-dir <dir> [--import <file.ndjson>] [--docs <n>] [--policy <policy.json>] [--server <url> --token <token>]`
 * Starts the real core services (the app's code, real SQLite in <dir>) behind a loopback HTTP
 * bridge and serves the built renderer with a window.cuecard that forwards over it. With
 * `--server` and `--token` the settings point at that knowledge server (the overlay syncs from it)
 * and the Library is served at /library.html with window.cuecardLibrary over the same bridge.
 * Prints `harness ready http://127.0.0.1:<n>/` once it answers. Test and development tool only.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intFlag, parseArgs, stringFlag } from '../../common/cli/args';
import { openHarness } from './harness-app';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['port', 'data-dir', 'import', 'docs', 'renderer-dir', 'policy', 'server', 'token']);
  const serverUrl = stringFlag(args, 'server');
  const serverToken = stringFlag(args, 'token');
  if ((serverUrl === undefined) !== (serverToken === undefined)) throw new Error('--server and --token go together');
  const harness = await openHarness({
    port: intFlag(args, 'port', 0, 65535) ?? 0,
    dataDir: stringFlag(args, 'data-dir') ?? path.join(projectRoot, '.harness-data'),
    rendererDir: stringFlag(args, 'renderer-dir'),
    importFile: stringFlag(args, 'import'),
    docs: intFlag(args, 'docs', 1, 1_000_000),
    policyFile: stringFlag(args, 'policy'),
    server: serverUrl !== undefined && serverToken !== undefined ? { url: serverUrl, token: serverToken } : undefined,
  });
  console.log(`harness ready ${harness.url}`);

  const stop = async (): Promise<void> => {
    await harness.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`harness failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
