import type { ProcessRunner, Which } from './process-runner';
import { checkPasteRun } from './paste-strategy';
import type { PasteStrategy } from './paste-strategy';

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
 * Windows: SendInput through PowerShell. Windows blocks input into apps running elevated when
 * Cuecard is not (UIPI): SendInput then reports fewer events sent and the reply stays copied.
 */
export class WindowsPaste implements PasteStrategy {
  readonly name = 'windows-sendinput';
  readonly manualShortcut = 'Ctrl+V';

  constructor(private readonly deps: { run: ProcessRunner; which: Which }) {}

  async available(): Promise<boolean> {
    return (await this.deps.which('powershell')) !== null;
  }

  async paste(): Promise<void> {
    const result = await this.deps.run('powershell', ['-NoProfile', '-NonInteractive', '-Command', '-'], {
      input: WINDOWS_PASTE_SCRIPT,
    });
    checkPasteRun('PowerShell SendInput', result, /blocked|Access is denied|UnauthorizedAccess/i);
  }
}
