/**
 * `--trust-proxy`: which proxies in front of the server Fastify believes about the client's
 * address (its `trustProxy` option). With it, `request.ip` is the address the proxy forwarded
 * (`X-Forwarded-For`), so the per-address failed-authentication limit counts each agent, not the
 * proxy; without it the header is ignored, since any client could write one.
 */
import net from 'node:net';
import { UsageError } from '../common/cli/args';

/** Fastify's `trustProxy` as this server takes it: the proxies' addresses and subnets. */
export type TrustProxy = string[];

/** proxy-addr's named ranges (127.0.0.1/8 and ::1; 169.254/16 and fe80::/10; the private ranges). */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * A comma-separated list of addresses, subnets (`10.0.0.0/8`) and named ranges (`loopback`).
 * Not a number of hops: Fastify 5 trusts no forwarded address for one (a client could add hops
 * itself). Checked here so a typo is a usage error, not a crash at start-up.
 */
export function parseTrustProxy(text: string): TrustProxy {
  const items = text.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!NAMED_RANGES.has(item) && !isSubnet(item)) {
      throw new UsageError(`--trust-proxy: "${item.slice(0, 100)}" is not an address, a subnet (10.0.0.0/8) or loopback, linklocal, uniquelocal`);
    }
  }
  return items;
}

function isSubnet(item: string): boolean {
  const [address = '', prefix, ...rest] = item.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
