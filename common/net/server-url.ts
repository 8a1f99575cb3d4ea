/**
 * THE rule for a knowledge-server URL, used by Settings, managed policy and the CLI: `https:`
 * everywhere, `http:` only for the loopback addresses themselves — an IPv4 literal in
 * 127.0.0.0/8, `[::1]` or `localhost`. A host that merely starts with "127." (e.g.
 * `127.attacker.example`) is a DNS name that resolves anywhere, so it is refused. Credentials in
 * the URL are refused too: they would be sent in clear to whoever the URL names and end up in logs.
 */
export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

const MAX_URL_LENGTH = 2000;

/** True for the loopback host names a server URL may use with plain http:. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // WHATWG URL has already canonicalised IPv4 forms (127.1, 0x7f000001) to dotted quads.
  // No node:net here: common/ also runs in the renderer.
  const octets = hostname.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255);
}

/** Checks a server URL; '' (no server) is allowed. The accepted URL has no trailing slash. */
export function checkServerUrl(input: string): ServerUrlCheck {
  if (input === '') return { ok: true, url: '' };
  if (input.length > MAX_URL_LENGTH) return { ok: false, message: `The server URL is longer than ${MAX_URL_LENGTH} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    return { ok: false, message: `"${input}" is not a URL.` };
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return { ok: false, message: 'The server URL must not contain a user name or password; use a token instead.' };
  }
  const secure = parsed.protocol === 'https:';
  const loopbackHttp = parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  if (!secure && !loopbackHttp) {
    return { ok: false, message: 'The server URL must use https:// (http:// only for a server on this computer: 127.0.0.1, [::1] or localhost).' };
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    return { ok: false, message: 'The server URL must not contain a query (?…) or fragment (#…).' };
  }
  return { ok: true, url: parsed.toString().replace(/\/$/, '') };
}
