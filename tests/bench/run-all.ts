/**
 * `npm run bench [-- --corpus <file.ndjson>]`: the search, sync, overlay and answers benchmarks in turn
 * (each is also `npm run bench:<name>` with its own options), with `--corpus` passed to each.
 * All of them run even when one misses its goals or fails; exits 1 if any did, naming which.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs, stringFlag, USAGE_EXIT_CODE } from '../../common/cli/args';

const BENCHES = ['bench:search', 'bench:sync', 'bench:overlay', 'bench:answers'] as const;

function main(): number {
  let corpus: string | undefined;
  try {
    const parsed = parseArgs(process.argv.slice(2), ['corpus']);
    if (parsed.positionals.length > 0) throw new Error(`unexpected argument ${parsed.positionals[0]}`);
    corpus = stringFlag(parsed, 'corpus');
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: npm run bench [-- --corpus <file.ndjson>] (other options: npm run bench:<search|sync|overlay|answers> -- …)\n`);
    return USAGE_EXIT_CODE;
  }
  const forwarded = corpus === undefined ? [] : ['--', '--corpus', corpus];
  // Under `npm run`, npm_execpath is npm's own CLI: run it with this Node rather than trusting PATH.
  const npm = process.env.npm_execpath;
  const failed: string[] = [];
  for (const bench of BENCHES) {
    const args = ['run', bench, ...forwarded];
    const run = npm ? spawnSync(process.execPath, [npm, ...args], { stdio: 'inherit' }) : spawnSync('npm', args, { stdio: 'inherit' });
    if (run.status !== 0) failed.push(`${bench} (${run.status === null ? `signal ${run.signal}` : `exit ${run.status}`})`);
  }
  if (failed.length === 0) return 0;
  process.stderr.write(`benchmarks that missed their goals or failed: ${failed.join(', ')}\n`);
  return 1;
}

process.exitCode = main();
