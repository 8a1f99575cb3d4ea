/**
 * The Windows Authenticode check for a downloaded installer, failing closed. electron-updater's
 * own check logs "Ignoring signature validation" and installs anyway when PowerShell cannot run;
 * this one refuses the update unless the signature was checked, is valid, and names one of the
 * publishers in app-update.yml.
 */
import type { PowerShellRun, RunPowerShell } from '../core/ports';

export function powerShellPath(env: Record<string, string | undefined>): string {
  return `${env.SystemRoot ?? 'C:\\Windows'}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe`;
}

export function signatureCheckArgs(file: string): string[] {
  const literal = `'${file.replace(/'/g, "''")}'`;
  const script =
    `$s = Get-AuthenticodeSignature -LiteralPath ${literal}; ` +
    `@{ status = [string]$s.Status; subject = [string]$s.SignerCertificate.Subject } | ConvertTo-Json -Compress`;
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script];
}

/** electron-updater's verifyUpdateCodeSignature contract: null = verified, a string = refused (why). */
export function failClosedSignatureVerifier(run: RunPowerShell): (publisherNames: string[], file: string) => Promise<string | null> {
  return async (publisherNames, file) => {
    if (publisherNames.length === 0) return 'No publisher name is configured, so the installer signature cannot be checked.';
    let result: PowerShellRun;
    try {
      result = await run(signatureCheckArgs(file));
    } catch (error) {
      return `The installer signature could not be checked (${(error as Error).message}); the update was refused.`;
    }
    if (result.code !== 0) return `The installer signature could not be checked (PowerShell exited with ${result.code}); the update was refused.`;
    let parsed: { status?: unknown; subject?: unknown };
    try {
      parsed = JSON.parse(result.stdout.trim()) as typeof parsed;
    } catch {
      return 'The installer signature check gave no readable answer; the update was refused.';
    }
    if (parsed.status !== 'Valid') return `The installer signature is not valid (${String(parsed.status)}); the update was refused.`;
    const signer = commonName(typeof parsed.subject === 'string' ? parsed.subject : '');
    if (signer === null || !publisherNames.includes(signer)) {
      return `The installer is signed by "${signer ?? 'nobody'}", not by ${publisherNames.map((n) => `"${n}"`).join(' or ')}; the update was refused.`;
    }
    return null;
  };
}

/** The CN of an X.500 subject such as `CN="Example, Inc.", O=Example, C=US`. */
export function commonName(subject: string): string | null {
  const match = /(?:^|,\s*)CN=("(?:[^"]|"")*"|[^,]*)/.exec(subject);
  if (!match) return null;
  const value = match[1]!.trim();
  return value.startsWith('"') ? value.slice(1, -1).replace(/""/g, '"') : value;
}
