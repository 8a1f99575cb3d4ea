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
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Cuecard</title>');
  });

  it('serves assets with their MIME type', async () => {
    const { renderer } = rendererFolder();
    const response = await respondToAppRequest('app://cuecard/assets/app.js', renderer);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  it.each([
    'app://cuecard/../secret.txt',
    'app://cuecard/%2e%2e/secret.txt',
    'app://cuecard/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://cuecard/..%5csecret.txt',
  ])('refuses %s, which resolves outside the renderer folder', async (url) => {
    const { renderer } = rendererFolder();
    const response = await respondToAppRequest(url, renderer);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('hunter2');
  });

  it('refuses a foreign host and a missing file', async () => {
    const { renderer } = rendererFolder();
    expect(resolveAppRequest('app://evil/index.html', renderer)).toMatchObject({ status: 403 });
    expect((await respondToAppRequest('app://cuecard/missing.js', renderer)).status).toBe(404);
  });

  it('CSP forbids inline script, eval, plugins and base rewriting', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("base-uri 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
