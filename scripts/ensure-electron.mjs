#!/usr/bin/env node
// Run by `npm start` before electron-vite: makes sure the Electron binary is there. Electron 45
// downloads it lazily, on the first `require('electron')` or `install-electron`, and writes
// node_modules/electron/path.txt; electron-vite only reads that file, so on a fresh clone it
// stops with "Error: Electron uninstall". This runs Electron's own installer (the same download,
// cache and mirror settings) and, when the download cannot happen, says what to do in one
// paragraph instead of a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const REQUIRED_NODE = [22, 12];

function electronDir() {
  const require = createRequire(import.meta.url);
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installed(dir) {
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return false;
  return existsSync(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist', readFileSync(pathFile, 'utf8')));
}

function nodeIsRecentEnough() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  return major > REQUIRED_NODE[0] || (major === REQUIRED_NODE[0] && minor >= REQUIRED_NODE[1]);
}

/** The first line of the installer's error output that says something (not a stack frame). */
function reasonOf(output) {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('at '));
  return lines.find((l) => /error|fail|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|status|404/i.test(l)) ?? lines[0] ?? 'no output';
}

function main() {
  // electron-vite runs whatever ELECTRON_EXEC_PATH names: nothing to download then.
  if (process.env.ELECTRON_EXEC_PATH) return 0;
  const dir = electronDir();
  if (!dir) {
    console.error('npm start needs the "electron" package, which is not installed. Run `npm install` first.');
    return 1;
  }
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  // The installer itself decides (it also checks the version and platform) and returns at once
  // when the binary is there; the line below only says why a first start takes a while.
  if (!installed(dir)) console.error(`Downloading the Electron ${version} binary (once; later starts use it)…`);
  const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_GET_NO_PROGRESS: process.env.ELECTRON_GET_NO_PROGRESS ?? '' },
  });
  if (result.status === 0 && installed(dir)) return 0;
  const raw = reasonOf(`${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`);
  // Node's fetch reports every network failure (refused, no DNS, proxy) as this one phrase.
  const reason = /fetch failed/.test(raw) ? `no connection to the download server: ${raw}` : raw;
  const node = nodeIsRecentEnough()
    ? ''
    : ` Electron's installer also needs Node.js ${REQUIRED_NODE.join('.')} or newer, and this is Node.js ${process.versions.node}.`;
  console.error(
    `\nnpm start could not download the Electron ${version} binary (${reason}).${node} ` +
      'The download comes from github.com/electron/electron/releases unless ELECTRON_MIRROR names a mirror ' +
      '(e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/); behind a proxy set HTTPS_PROXY (and NO_PROXY) ' +
      'together with ELECTRON_GET_USE_PROXY=1; electron_config_cache names the folder where a downloaded ' +
      `electron-v${version}-${process.env.ELECTRON_INSTALL_PLATFORM ?? process.platform}-${process.arch}.zip is looked for first; and ELECTRON_EXEC_PATH may point ` +
      'at an Electron executable you already have. Then run `npm start` again. Everything else (npm test, npm run harness, ' +
      'the CLI and the server) works without Electron.',
  );
  return 1;
}

process.exitCode = main();
