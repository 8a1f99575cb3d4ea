/**
 * `npm run readme`: runs the README's commands as written, in order (see readme-blocks.ts for the
 * conventions), with only its demo folder and ports replaced. Fails when a command exits non-zero
 * or does not print its documented line; background commands (the server, the harness) are
 * started, waited for and stopped. Prints each command's time at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portsIn, printsLine, readmeCommands, substitute, type ReadmeCommand } from './readme-blocks';
import { freeLoopbackPort } from '../helpers/ports';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_FOLDER = '/tmp/cuecard-demo';
const COMMAND_TIMEOUT_MS = 15 * 60_000;
const STOP_TIMEOUT_MS = 30_000;

interface Timing {
  line: number;
  command: string;
  seconds: number | null;
  note: string;
}


/** Variables a README line sets (`LEAD=$(…)`) are kept for the lines after it, as in one terminal. */
function script(command: string, stateFile: string): string {
  const assigned = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(command)?.[1];
  return [
    `[ -f '${stateFile}' ] && . '${stateFile}'`,
    'set -eo pipefail',
    command,
    assigned ? `printf '%s=%q\\n' '${assigned}' "$${assigned}" >> '${stateFile}'` : '',
  ].join('\n');
}

function start(command: string, stateFile: string, onOutput: (text: string) => void): ChildProcess {
  const child = spawn('bash', ['-c', script(command, stateFile)], { cwd: root, env: process.env, detached: true });
  child.stdout?.on('data', (c: Buffer) => onOutput(c.toString()));
  child.stderr?.on('data', (c: Buffer) => onOutput(c.toString()));
  return child;
}

/** Output as the log shows it: indented, and with the demo tokens (npm echoes argv) masked. */
function indent(text: string): string {
  return text
    .replace(/\n+$/, '')
    .replace(/cct_[A-Za-z0-9_-]{43}/g, 'cct_…')
    .replace(/^/gm, '    ');
}

async function runForeground(cmd: ReadmeCommand, command: string, expected: string | null, stateFile: string): Promise<void> {
  let output = '';
  const child = start(command, stateFile, (text) => (output += text));
  const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), COMMAND_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(timer);
  console.log(indent(output));
  if (code !== 0) throw new Error(`README line ${cmd.line} failed (exit ${code}): ${command}`);
  if (expected !== null && !printsLine(output, expected)) {
    throw new Error(`README line ${cmd.line} did not print its documented line "${expected}": ${command}`);
  }
}

interface Background {
  child: ChildProcess;
  line: number;
  exited: Promise<number | null>;
  output: () => string;
}

async function startBackground(cmd: ReadmeCommand, command: string, expected: string | null, stateFile: string): Promise<Background> {
  if (expected === null) throw new Error(`README line ${cmd.line}: a background command needs a "# → ready line"`);
  let output = '';
  let onOutput = (): void => undefined;
  const child = start(command, stateFile, (text) => {
    output += text;
    onOutput();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  const ready = new Promise<void>((resolve) => {
    onOutput = () => {
      if (printsLine(output, expected)) resolve();
    };
  });
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), COMMAND_TIMEOUT_MS).unref());
  const outcome = await Promise.race([ready.then(() => 'ready' as const), exited.then(() => 'exited' as const), timeout]);
  console.log(indent(output));
  if (outcome !== 'ready') {
    if (outcome === 'timeout') process.kill(-(child.pid as number), 'SIGKILL');
    throw new Error(`README line ${cmd.line} ${outcome === 'exited' ? 'exited' : 'timed out'} before printing "${expected}": ${command}`);
  }
  return { child, line: cmd.line, exited, output: () => output };
}

/** SIGTERM to the command's process group (npm, tsx and the program), as Ctrl+C in its terminal. */
async function stop(background: Background): Promise<string | null> {
  const before = background.output().length;
  try {
    process.kill(-(background.child.pid as number), 'SIGTERM');
  } catch {
    return `README line ${background.line} had stopped before the end of the README`;
  }
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref());
  const outcome = await Promise.race([background.exited, timer]);
  console.log(indent(background.output().slice(before)));
  if (outcome === 'timeout') {
    process.kill(-(background.child.pid as number), 'SIGKILL');
    return `README line ${background.line} did not stop within ${STOP_TIMEOUT_MS / 1000}s of SIGTERM`;
  }
  return null;
}

async function main(): Promise<number> {
  const readme = path.join(root, 'README.md');
  const commands = readmeCommands(readFileSync(readme, 'utf8'));
  const demo = mkdtempSync(path.join(os.tmpdir(), 'cuecard-readme-'));
  const stateFile = path.join(demo, '.readme-runner-state');
  writeFileSync(stateFile, '');
  const folders = new Map([[DEMO_FOLDER, path.join(demo, 'cuecard-demo')]]);
  const ports = new Map<number, number>();
  for (const port of portsIn(commands)) ports.set(port, await freeLoopbackPort());
  console.log(`README runner: ${commands.length} commands; ${DEMO_FOLDER} → ${folders.get(DEMO_FOLDER)}; ports ${[...ports].map(([a, b]) => `${a} → ${b}`).join(', ')}`);

  const timings: Timing[] = [];
  const backgrounds: Background[] = [];
  let failure: string | null = null;
  for (const cmd of commands) {
    const command = substitute(cmd.command, folders, ports);
    const expected = cmd.expected === null ? null : substitute(cmd.expected, folders, ports);
    const entry: Timing = { line: cmd.line, command: cmd.command, seconds: null, note: '' };
    timings.push(entry);
    if (cmd.mode.kind === 'skip') {
      entry.note = `not run: ${cmd.mode.reason}`;
      continue;
    }
    if (cmd.mode.kind === 'needs' && !existsSync(path.resolve(root, cmd.mode.path))) {
      entry.note = `not run: ${cmd.mode.path} is missing`;
      console.log(`\n• README line ${cmd.line}: ${entry.note}`);
      continue;
    }
    console.log(`\n▶ README line ${cmd.line}: ${command}`);
    const started = performance.now();
    try {
      if (cmd.mode.kind === 'background') {
        backgrounds.push(await startBackground(cmd, command, expected, stateFile));
        entry.note = 'until ready (then kept running)';
      } else {
        await runForeground(cmd, command, expected, stateFile);
      }
    } catch (error) {
      failure = (error as Error).message;
    }
    entry.seconds = (performance.now() - started) / 1000;
    if (failure) break;
  }
  for (const background of backgrounds.reverse()) {
    console.log(`\n■ stopping README line ${background.line}`);
    failure ??= await stop(background);
  }
  rmSync(demo, { recursive: true, force: true });

  console.log('\nREADME commands (seconds on this machine):');
  for (const t of timings) console.log(`  ${t.seconds === null ? '     -' : t.seconds.toFixed(1).padStart(6)}  line ${String(t.line).padStart(3)}  ${t.command}${t.note ? `   (${t.note})` : ''}`);
  if (failure) {
    console.error(`\n✖ ${failure}`);
    return 1;
  }
  console.log('\n✔ every README command ran as written');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`README runner failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
