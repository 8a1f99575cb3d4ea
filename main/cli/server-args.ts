/** `--server <url> --token <t>` as the publish, retire and sync commands take them. */
import { UsageError, stringFlag, type ParsedArgs } from '../../common/cli/args';
import { checkServerUrl } from '../../common/net/server-url';

export function serverArgs(parsed: ParsedArgs): { serverUrl: string; token: string } {
  const serverUrl = stringFlag(parsed, 'server') ?? process.env.CUECARD_SERVER_URL;
  const token = stringFlag(parsed, 'token') ?? process.env.CUECARD_TOKEN;
  if (!serverUrl) throw new UsageError('--server <url> is required (or CUECARD_SERVER_URL)');
  if (!token) throw new UsageError('--token <token> is required (or CUECARD_TOKEN)');
  const checked = checkServerUrl(serverUrl);
  if (!checked.ok) throw new UsageError(`--server: ${checked.message}`);
  return { serverUrl: checked.url, token };
}

export { authHeaders } from '../review/review-client';
