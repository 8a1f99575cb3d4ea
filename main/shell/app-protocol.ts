/**
 * Serves the built renderer from app://cuecard/ instead of file://, so pages have a real origin
 * for CSP and the sender check, and can never read files outside the renderer folder.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_PROTOCOL } from '../../common/ipc-channels';
import { CONTENT_SECURITY_POLICY } from '../../common/csp';

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_PROTOCOL,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export type AppRequestTarget = { file: string; mime: string } | { status: 403 | 404; reason: string };

/** Maps an app:// URL to a file inside rendererDir; anything resolving outside it is refused. */
export function resolveAppRequest(requestUrl: string, rendererDir: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { status: 404, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_PROTOCOL}:` || url.host !== APP_HOST) return { status: 403, reason: 'foreign host' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { status: 404, reason: 'bad escape' };
  }
  if (pathname.includes('\u0000')) return { status: 403, reason: 'NUL in path' };
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  if (!file.startsWith(root + path.sep)) return { status: 403, reason: 'outside the renderer folder' };
  return { file, mime: MIME[path.extname(file)] ?? 'application/octet-stream' };
}

export async function respondToAppRequest(
  requestUrl: string,
  rendererDir: string,
  readFile: (file: string) => Promise<Buffer> = (f) => fs.readFile(f),
): Promise<Response> {
  const target = resolveAppRequest(requestUrl, rendererDir);
  if ('status' in target) return new Response(target.reason, { status: target.status });
  try {
    const body = await readFile(target.file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': target.mime,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_PROTOCOL, (request) => respondToAppRequest(request.url, rendererDir));
}
