/**
 * What the harness records in place of the OS: clipboard, paste, overlay visibility, opened links
 * and log folders.
 */
import { z } from 'zod';
import type { InsertOutcome, OverlayEvent, RenderedReply } from '../../common/ipc-contract';
import { KnowledgeEntrySchema } from '../../common/knowledge';
import type { Core } from '../../main/core/open-core';
import type { OverlayServices } from '../../main/application/overlay-services';
import type { PasteStrategy } from '../../main/core/ports';
import { HotkeyManager } from '../../main/shell/hotkey';
import { MemoryClipboard } from '../helpers/memory-clipboard';

export class HarnessRecorder {
  readonly clipboard = new MemoryClipboard();
  lastPaste: RenderedReply | null = null;
  lastInsert: InsertOutcome | null = null;
  visible = true;
  hides = 0;
  readonly openedLinks: string[] = [];
  logFolderOpens = 0;
  /** The overlay's key asked main to open the Library window. */
  libraryOpens = 0;

  /** Stands in for xdotool & co.: "pastes" by recording what is on the clipboard at that moment. */
  readonly pasteStrategy: PasteStrategy = {
    name: 'harness',
    available: async () => true,
    paste: async () => {
      this.lastPaste = { ...this.clipboard.content };
      return { shortcut: 'Ctrl+V' };
    },
  };

  /** Accelerators "another app" holds: registering one fails as Electron's globalShortcut.register does. */
  readonly takenHotkeys = new Set<string>();
  /** The app's real hotkey manager over a stand-in for globalShortcut. */
  readonly hotkey = new HotkeyManager(
    { register: (accelerator) => !this.takenHotkeys.has(accelerator), unregister: () => undefined },
    () => undefined,
  );

  hidden(): void {
    this.visible = false;
    this.hides += 1;
  }
}

export interface HarnessRouteDeps {
  recorder: HarnessRecorder;
  core: Core;
  services: OverlayServices;
  push(event: OverlayEvent): void;
}

export function createHarnessRoutes(deps: HarnessRouteDeps) {
  const { recorder, core } = deps;
  return async (method: string, name: string, body: unknown): Promise<unknown> => {
    switch (`${method} ${name}`) {
      case 'GET clipboard':
        return recorder.clipboard.content;
      case 'GET state':
        return {
          visible: recorder.visible,
          hides: recorder.hides,
          lastInsert: recorder.lastInsert,
          lastPaste: recorder.lastPaste,
          openedLinks: recorder.openedLinks,
          logFolderOpens: recorder.logFolderOpens,
          libraryOpens: recorder.libraryOpens,
        };
      case 'POST show':
        // As the app's hotkey: the agent's context is read first, then the overlay shows.
        await deps.services.overlayShown();
        recorder.visible = true;
        deps.push({ type: 'shown', at: Date.now() });
        return { shown: true };
      case 'POST context': {
        // A fake of what the agent copied and selected in another app (issue #18), read at the next show.
        const context = z.object({ clipboard: z.string(), selection: z.string().nullable() }).parse(body);
        recorder.clipboard.content = { text: context.clipboard, html: null };
        recorder.clipboard.selection = context.selection;
        return context;
      }
      case 'POST hotkey-taken': {
        const { accelerator } = z.object({ accelerator: z.string() }).parse(body);
        recorder.takenHotkeys.add(accelerator);
        return { taken: accelerator };
      }
      case 'POST entries': {
        const entries = z.array(KnowledgeEntrySchema).parse(body);
        await core.store.upsertMany(entries);
        return { upserted: entries.length };
      }
      default:
        return undefined;
    }
  };
}
