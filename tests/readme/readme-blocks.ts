/**
 * The README's shell blocks as steps the README runner executes (tests/readme/run-readme.ts).
 * Every ```sh block is run unless an HTML comment right above it says otherwise:
 *   <!-- readme-runner: skip, <why> -->         not run (e.g. needs the Electron binary)
 *   <!-- readme-runner: background -->          started, waited for until its output line appears,
 *                                               stopped with SIGTERM once the README is done
 *   <!-- readme-runner: needs <path> -->        run only when <path> exists (e.g. ../shared/corpus)
 * A command's trailing `# → text` comment is a line it must print (`…` stands for anything).
 * Bash reads that as a comment, so the line runs exactly as a reader copies it.
 */

export type BlockMode = { kind: 'run' } | { kind: 'background' } | { kind: 'skip'; reason: string } | { kind: 'needs'; path: string };

export interface ReadmeCommand {
  /** The command as written, continuation lines joined, without its `# →` comment. */
  command: string;
  /** The output line it documents, if any. */
  expected: string | null;
  /** 1-based README line of the command. */
  line: number;
  mode: BlockMode;
}

const PORT = /(127\.0\.0\.1:|localhost:|--port[ =])(\d{2,5})\b/g;
const DIRECTIVE = /^<!--\s*readme-runner:\s*(.*?)\s*-->$/;
const EXPECTED_MARK = /\s+#\s*→\s*/;

function modeOf(directive: string | null): BlockMode {
  if (directive === null) return { kind: 'run' };
  if (directive === 'background') return { kind: 'background' };
  const skip = /^skip\b[,:]?\s*(.*)$/.exec(directive);
  if (skip) return { kind: 'skip', reason: skip[1] || 'marked skip' };
  const needs = /^needs\s+(\S+)$/.exec(directive);
  if (needs) return { kind: 'needs', path: needs[1] as string };
  throw new Error(`unknown readme-runner directive "${directive}"`);
}

export function readmeCommands(markdown: string): ReadmeCommand[] {
  const lines = markdown.split('\n');
  const commands: ReadmeCommand[] = [];
  let directive: string | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const text = (lines[i] as string).trim();
    const marked = DIRECTIVE.exec(text);
    if (marked) {
      directive = marked[1] as string;
      continue;
    }
    if (text !== '```sh' && text !== '```bash') {
      if (text !== '') directive = null; // a directive belongs to the block right below it
      continue;
    }
    const mode = modeOf(directive);
    directive = null;
    let pending = '';
    let startLine = 0;
    for (i += 1; i < lines.length && (lines[i] as string).trim() !== '```'; i += 1) {
      const raw = lines[i] as string;
      if (pending === '') startLine = i + 1;
      if (raw.trimEnd().endsWith('\\')) {
        pending += `${raw.trimEnd().slice(0, -1)} `;
        continue;
      }
      const full = pending + raw;
      pending = '';
      if (full.trim() === '' || full.trim().startsWith('#')) continue;
      const [command, expected] = splitExpected(full);
      commands.push({ command, expected, line: startLine, mode });
    }
  }
  return commands;
}

function splitExpected(line: string): [string, string | null] {
  const match = EXPECTED_MARK.exec(line);
  if (!match) return [line.trim(), null];
  return [line.slice(0, match.index).trim(), line.slice(match.index + match[0].length).trim()];
}

/** Whether one line of `output` is the documented line, `…` standing for any text. */
export function printsLine(output: string, expected: string): boolean {
  const parts = expected.split('…');
  return output.split('\n').some((line) => {
    const text = line.trim();
    if (!text.startsWith(parts[0] as string)) return false;
    let at = (parts[0] as string).length;
    for (const part of parts.slice(1)) {
      const found = text.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return parts.length > 1 ? text.endsWith(parts.at(-1) as string) : text === expected;
  });
}

/**
 * The only changes the runner makes: the README's demo folder becomes a fresh temporary folder
 * and each port it names becomes a free one (so CI runs beside other jobs).
 */
export function substitute(text: string, folders: ReadonlyMap<string, string>, ports: ReadonlyMap<number, number>): string {
  let out = text;
  for (const [from, to] of folders) out = out.split(from).join(to);
  return out.replace(PORT, (_whole, prefix: string, port: string) => `${prefix}${ports.get(Number(port)) ?? port}`);
}

/** Port numbers the README names (`--port 8787`, `127.0.0.1:8787`), in order of appearance. */
export function portsIn(commands: readonly ReadmeCommand[]): number[] {
  const found: number[] = [];
  for (const { command, expected } of commands) {
    for (const match of `${command} ${expected ?? ''}`.matchAll(PORT)) {
      const port = Number(match[2]);
      if (port !== 0 && !found.includes(port)) found.push(port);
    }
  }
  return found;
}
