/**
 * `keys init-root|create|register|sign-list` (issue #15, docs/signing.md):
 *   keys init-root --out <file>       the org root key (offline, by an admin); last line: its public key
 *   keys create --out <file>          an approver key for a lead; last line: its public key
 *   keys register --public-key <pk> --name <n> --server <url> --token <lead>
 *   keys sign-list --root-key <file> --server <url> --token <admin> [--revoke <name> [--revoke-from <iso time>]] [--sensitive-tags refund,legal]
 *     (--revoke-from: the key counts as revoked from then, e.g. when it was stolen; default now)
 * Key files are written with mode 0600 and never overwritten.
 */
import { z } from 'zod';
import { publicKeyProblem } from '../../../common/signing/formats';
import { KEY_LIST_PATH, KeyListResponseSchema, RegisteredKeySchema, RegisteredKeysSchema } from '../../../common/signing/signing-protocol';
import { MAX_TAG_LENGTH } from '../../../common/knowledge';
import { generateKeyPair } from '../../signing/ed25519';
import { readKeyFile, writeKeyFile, type KeyRole } from '../../signing/key-file';
import { nextKeyList, rootSigned, signKeyList } from '../../signing/key-list-builder';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, stringFlag, type CliIo } from '../workflow-client';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'init-root':
      return create(rest, io, 'root');
    case 'create':
      return create(rest, io, 'approver');
    case 'register':
      return register(rest, io);
    case 'sign-list':
      return signList(rest, io);
    default:
      throw new UsageError(`keys needs one of init-root, create, register, sign-list${sub ? ` (got "${sub}")` : ''}`);
  }
}

async function create(args: string[], io: CliIo, role: KeyRole): Promise<number> {
  const parsed = parseArgs(args, ['out']);
  const out = stringFlag(parsed, 'out');
  if (!out || parsed.positionals.length > 0) throw new UsageError(`keys ${role === 'root' ? 'init-root' : 'create'} --out <file>`);
  const pair = generateKeyPair();
  try {
    await writeKeyFile(out, role, pair);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr(`error: ${out} exists already; a key file is never overwritten`);
      return 1;
    }
    throw error;
  }
  io.stderr(role === 'root'
    ? `wrote the org root key to ${out} (mode 0600): keep it offline; pin the public key below (policy orgRootKey or Settings)`
    : `wrote an approver key to ${out} (mode 0600); register the public key below with \`keys register\``);
  io.stdout(pair.publicKey);
  return 0;
}

async function register(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['public-key', 'name', 'server', 'token']);
  const publicKey = stringFlag(parsed, 'public-key');
  const name = stringFlag(parsed, 'name');
  if (!publicKey || !name) throw new UsageError('keys register --public-key <pk> --name <n> --server <url> --token <lead>');
  const problem = publicKeyProblem(publicKey);
  if (problem) throw new UsageError(`--public-key: ${problem}`);
  const target = serverArgs(parsed);
  return reportRefusals(io, async () => {
    const key = await callServer(target, 'POST', '/v1/keys', { name, publicKey }, RegisteredKeySchema);
    io.stdout(`registered key "${key.name}" (${key.publicKey}); an admin signs it into the key list with \`keys sign-list\``);
    return 0;
  });
}

const TagsSchema = z.array(z.string().trim().min(1).max(MAX_TAG_LENGTH)).max(100);

async function signList(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, ['root-key', 'server', 'token', 'revoke', 'revoke-from', 'sensitive-tags']);
  const rootFile = stringFlag(parsed, 'root-key');
  if (!rootFile || parsed.positionals.length > 0) throw new UsageError('keys sign-list --root-key <file> --server <url> --token <admin> [--revoke <name>] [--sensitive-tags refund,legal]');
  const rawTags = stringFlag(parsed, 'sensitive-tags');
  const tags = rawTags === undefined ? undefined : TagsSchema.safeParse(rawTags.split(','));
  if (tags && !tags.success) throw new UsageError('--sensitive-tags: a comma-separated list of tags');
  const revokeFrom = stringFlag(parsed, 'revoke-from');
  if (revokeFrom !== undefined && (stringFlag(parsed, 'revoke') === undefined || !Number.isFinite(Date.parse(revokeFrom)))) {
    throw new UsageError('--revoke-from <time> goes with --revoke <name> and is an ISO 8601 time');
  }
  const target = serverArgs(parsed);
  const root = await readKeyFile(rootFile, 'root');
  return reportRefusals(io, async () => {
    const { keyList: current } = await callServer(target, 'GET', KEY_LIST_PATH, undefined, KeyListResponseSchema);
    if (current && !rootSigned(current, root.publicKey)) {
      io.stderr(`error: the server's key list (version ${current.list.version}) is not signed by this root key; not building on it`);
      return 1;
    }
    const { keys } = await callServer(target, 'GET', '/v1/keys', undefined, RegisteredKeysSchema);
    let list;
    try {
      list = nextKeyList(current?.list ?? null, keys, { revoke: stringFlag(parsed, 'revoke'), revokeFrom, sensitiveTags: tags?.data }, new Date());
    } catch (error) {
      io.stderr(`error: ${(error as Error).message}`);
      return 1;
    }
    await callServer(target, 'PUT', KEY_LIST_PATH, signKeyList(list, root.privateKey), z.object({ version: z.number() }));
    for (const key of list.keys) io.stderr(`  ${key.name}  ${key.publicKey}  valid from ${key.validFrom}${key.revokedAt ? `, revoked at ${key.revokedAt}` : ''}`);
    io.stdout(`signed key list version ${list.version}: ${list.keys.length} key(s), sensitive tags: ${list.sensitiveTags.join(',') || '(none)'}`);
    return 0;
  });
}
