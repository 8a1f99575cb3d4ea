/** Tray icon: Open search, Library… (leads), Settings, Sync status, Open log folder, Quit — and the hotkey problem when there is one. */
import type { Menu, MenuItemConstructorOptions, Tray } from 'electron';

export interface TrayActions {
  openSearch(): void;
  openSettings(): void;
  openLibrary(): void;
  restartToUpdate?(): void;
  openLogFolder(): void;
  quit(): void;
}

export interface TrayState {
  hotkey: string;
  hotkeyProblem: string | null;
  syncLabel: string;
  /** From main/update/update-tray.ts: "Update ready — restart", or why updates come from IT. */
  update?: { label: string; restart: boolean } | null;
  /** The server said this token is a lead's or an admin's: the tray offers the Library. */
  library?: boolean;
}

export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [
    { label: `Open search (${state.hotkey})`, click: actions.openSearch },
  ];
  if (state.hotkeyProblem) {
    items.push({ label: `⚠ ${state.hotkeyProblem}`, enabled: false }, { label: 'Choose another hotkey…', click: actions.openSettings });
  }
  if (state.library) items.push({ label: 'Library…', click: actions.openLibrary });
  items.push(
    { label: 'Settings…', click: actions.openSettings },
    { type: 'separator' },
    { label: `Sync: ${state.syncLabel}`, enabled: false },
  );
  if (state.update) {
    items.push(state.update.restart ? { label: state.update.label, click: () => actions.restartToUpdate?.() } : { label: state.update.label, enabled: false });
  }
  items.push(
    { label: 'Open log folder', click: actions.openLogFolder },
    { type: 'separator' },
    { label: 'Quit Cuecard', click: actions.quit },
  );
  return items;
}

export class TrayMenu {
  constructor(
    private readonly tray: Pick<Tray, 'setContextMenu' | 'setToolTip'>,
    private readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu,
    private readonly actions: TrayActions,
  ) {}

  update(state: TrayState): void {
    this.tray.setToolTip(state.hotkeyProblem ? `Cuecard — ${state.hotkeyProblem}` : `Cuecard — ${state.hotkey}`);
    this.tray.setContextMenu(this.buildMenu(trayMenuTemplate(state, this.actions)));
  }
}
