/**
 * The Library's bulk import file (issue #14): chosen in the OS's open dialog and read here, in
 * main, at most MAX_IMPORT_CHARS bytes (refused unread above it) and only as UTF-8. The page never
 * sees nor names a path: it gets the dry run of what was read.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import { MAX_IMPORT_CHARS } from '../../common/import/sources';
import { DomainError } from '../core/domain-error';
import type { ImportFilePort } from '../core/ports';

export interface ImportDialogDeps {
  /** Electron's `dialog.showOpenDialog`. */
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  /** The Library window the dialog belongs to (null: it was closed meanwhile). */
  parent(): BrowserWindow | null;
}

const DIALOG: OpenDialogOptions = {
  title: 'Import into the Library',
  properties: ['openFile'],
  filters: [
    { name: 'CSV, Zendesk export, osTicket or Cuecard NDJSON', extensions: ['csv', 'json', 'ndjson', 'jsonl'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export class ImportFileDialog implements ImportFilePort {
  constructor(private readonly deps: ImportDialogDeps) {}

  async choose(): Promise<{ name: string; text: string } | null> {
    const window = this.deps.parent();
    if (!window) return null;
    const chosen = await this.deps.showOpenDialog(window, DIALOG);
    const file = chosen.filePaths[0];
    if (chosen.canceled || file === undefined) return null;
    return { name: path.basename(file), text: await readImportFile(file) };
  }
}

/** The file's text, read only when it is at most MAX_IMPORT_CHARS bytes, and only as UTF-8. */
export async function readImportFile(file: string): Promise<string> {
  const name = path.basename(file);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new DomainError('invalid_input', `${name} cannot be read: ${(error as Error).message}`);
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_IMPORT_CHARS) {
      throw new DomainError('invalid_input', `${name} is ${size.toLocaleString('en')} bytes, over the ${MAX_IMPORT_CHARS.toLocaleString('en')} one import takes; split it.`);
    }
    // Only the size the file had: a file growing meanwhile is read no further.
    const bytes = Buffer.alloc(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, bytesRead));
    } catch {
      throw new DomainError('invalid_input', `${name} is not UTF-8 text; save it as UTF-8 (in Excel: "CSV UTF-8") and choose it again.`);
    }
  } finally {
    await handle.close();
  }
}
