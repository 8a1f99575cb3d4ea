import path from 'node:path';
import { PASTE_SHORTCUT } from './paste-shortcuts';
import type { ProcessRunner, Which } from './process-runner';
import { checkPasteRun } from './paste-strategy';
import type { PasteSent, PasteStrategy } from '../core/ports';

/**
 * C# for SendInput(Ctrl down, V down, V up, Ctrl up). The INPUT union includes MOUSEINPUT so the
 * struct has the size Windows expects on 32- and 64-bit. Kept on one line: PowerShell reads
 * `-Command -` from stdin line by line, and multi-line here-strings are unreliable there.
 */
const SEND_INPUT_CSHARP = [
  'using System; using System.Runtime.InteropServices;',
  'public static class CuecardPaste {',
  '[StructLayout(LayoutKind.Sequential)] struct MOUSEINPUT { public int dx; public int dy; public uint mouseData; public uint dwFlags; public uint time; public IntPtr dwExtraInfo; }',
  '[StructLayout(LayoutKind.Sequential)] struct KEYBDINPUT { public ushort wVk; public ushort wScan; public uint dwFlags; public uint time; public IntPtr dwExtraInfo; }',
  '[StructLayout(LayoutKind.Explicit)] struct InputUnion { [FieldOffset(0)] public MOUSEINPUT mi; [FieldOffset(0)] public KEYBDINPUT ki; }',
  '[StructLayout(LayoutKind.Sequential)] struct INPUT { public uint type; public InputUnion u; }',
  '[DllImport("user32.dll", SetLastError = true)] static extern uint SendInput(uint count, INPUT[] inputs, int size);',
  'static INPUT Key(ushort vk, bool up) { INPUT i = new INPUT(); i.type = 1; i.u.ki.wVk = vk; i.u.ki.dwFlags = up ? 2u : 0u; return i; }',
  'public static uint Paste() { INPUT[] keys = { Key(0x11, false), Key(0x56, false), Key(0x56, true), Key(0x11, true) };',
  'return SendInput((uint)keys.Length, keys, Marshal.SizeOf(typeof(INPUT))); } }',
].join(' ');

/** The PowerShell script sent on stdin; exit code 2 when Windows refused the input (e.g. UIPI). */
export const WINDOWS_PASTE_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  `Add-Type -TypeDefinition '${SEND_INPUT_CSHARP.replace(/'/g, "''")}'`,
  '$sent = [CuecardPaste]::Paste()',
  'if ($sent -ne 4) { [Console]::Error.WriteLine("SendInput was blocked: sent $sent of 4 key events"); exit 2 }',
  'exit 0',
  '',
].join('\n');

/**
 * Windows PowerShell by its absolute System32 path: a bare `powershell` is looked up on PATH
 * (and, for CreateProcess, in the current directory first), so a planted powershell.exe would
 * run with the agent's rights on every paste.
 */
export function windowsPowerShellPath(env: NodeJS.ProcessEnv): string {
  const systemRoot = env.SystemRoot || env.SYSTEMROOT || 'C:\\Windows';
  return path.win32.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}

/**
 * Windows: SendInput through PowerShell. Windows blocks input into apps running elevated when
 * Cuecard is not (UIPI): SendInput then reports fewer events sent and the reply stays copied.
 */
export class WindowsPaste implements PasteStrategy {
  readonly name = 'windows-sendinput';
  private readonly powershell: string;

  constructor(private readonly deps: { run: ProcessRunner; which: Which; env: NodeJS.ProcessEnv }) {
    this.powershell = windowsPowerShellPath(deps.env);
  }

  async available(): Promise<boolean> {
    return (await this.deps.which(this.powershell)) !== null;
  }

  async paste(): Promise<PasteSent> {
    const result = await this.deps.run(this.powershell, ['-NoProfile', '-NonInteractive', '-Command', '-'], {
      input: WINDOWS_PASTE_SCRIPT,
    });
    checkPasteRun('PowerShell SendInput', result, /blocked|Access is denied|UnauthorizedAccess/i);
    return { shortcut: PASTE_SHORTCUT.standard };
  }
}
