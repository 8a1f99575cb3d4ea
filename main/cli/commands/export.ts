/**
 * `export --server <url> --token <lead> [--out <file>]`: every live entry as NDJSON in the import
 * format plus owner, version, approvedBy and approvedAt, page by page. With --out the file
 * appears only once complete (written beside it, then renamed), so a failed export leaves none.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { ExportPageSchema } from '../../../common/review-protocol';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

/** Entries a request: small enough that one page stays under the client's answer limit. */
const PAGE = 100;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['server', 'token', 'out']);
  if (parsed.positionals.length > 0) throw new UsageError(`export takes no arguments (got "${parsed.positionals[0]}")`);
  const target = serverArgs(parsed);
  const out = stringFlag(parsed, 'out');
  const partial = out ? `${out}.partial-${process.pid}` : null;
  const file = partial ? createWriteStream(partial, { flags: 'wx' }) : null;
  const write = async (line: string) => {
    if (!file) return io.stdout(line);
    if (!file.write(`${line}\n`)) await once(file, 'drain');
  };
  let done = false;
  try {
    const code = await reportRefusals(io, async () => {
      let cursor: string | null = null;
      let count = 0;
      do {
        const query: string = `limit=${PAGE}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = await callServer(target, 'GET', `/v1/export?${query}`, undefined, ExportPageSchema);
        for (const record of page.items) await write(JSON.stringify(record));
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== null);
      io.stderr(`exported ${count} live entries${out ? ` to ${out}` : ''}`);
      return 0;
    });
    if (file && partial && out && code === 0) {
      file.end();
      await once(file, 'finish');
      await rename(partial, out);
      done = true;
    }
    return code;
  } finally {
    if (file && partial && !done) {
      file.destroy();
      await rm(partial, { force: true });
    }
  }
}
