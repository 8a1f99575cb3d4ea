import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../common/csp';
import { resolveAppRequest, respondToAppRequest } from '../../../main/shell/app-protocol';

function rendererFolder() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cuecard-protocol-'));
  const renderer = path.join(root, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Cuecard</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'token=hunter2');
  return { root, renderer };
}

describe('app:// protocol', () => {
  it('serves index.html for / with the CSP', async () => {
    const { renderer } = rendererFolder();
    const response = await respondToAppRequest('app://cuecard/', renderer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('<!doctype html><title>Cuecard</title>');
  });

  it('serves assets with their MIME type', async () => {
    const { renderer } = rendererFolder();
    const response = await respondToAppRequest('app://cuecard/assets/app.js', renderer);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    // The URL parser folds these dot segments away: they ask for renderer/secret.txt, which does not exist.
    ['app://cuecard/../secret.txt', 404, 'not found'],
    ['app://cuecard/%2e%2e/secret.txt', 404, 'not found'],
    ['app://cuecard/..%5csecret.txt', 404, 'not found'],
    // Encoded slashes survive the parser; the handler's own check refuses the path it resolves to.
    ['app://cuecard/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 403, 'outside the renderer folder'],
  ])('refuses %s, which would reach outside the renderer folder (%i)', async (url, status, text) => {
    const { renderer } = rendererFolder();
    const response = await respondToAppRequest(url, renderer);
    expect({ status: response.status, text: await response.text() }).toEqual({ status, text });
  });

  it('refuses a foreign host and a missing file', async () => {
    const { renderer } = rendererFolder();
    expect(resolveAppRequest('app://evil/index.html', renderer)).toMatchObject({ status: 403 });
    expect((await respondToAppRequest('app://cuecard/missing.js', renderer)).status).toBe(404);
  });

  it('CSP forbids inline script, eval, plugins and base rewriting', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect([...directives.values()].flat().filter((source) => source.startsWith("'unsafe-"))).toEqual([]);
  });
});
