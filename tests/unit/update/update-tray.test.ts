import { describe, expect, it } from 'vitest';
import { trayMenuTemplate } from '../../../main/shell/tray';
import { updateTrayItem, UPDATE_READY_LABEL } from '../../../main/update/update-tray';

describe('the tray offers the update', () => {
  const base = { hotkey: 'Alt+Space', hotkeyProblem: null, syncLabel: 'up to date' };

  it('"Update ready — restart" restarts when clicked', () => {
    let restarts = 0;
    const actions = { openSearch: () => undefined, openSettings: () => undefined, openLibrary: () => undefined, openLogFolder: () => undefined, quit: () => undefined, restartToUpdate: () => void restarts++ };
    const items = trayMenuTemplate({ ...base, update: updateTrayItem({ state: 'ready', version: '1.3.0' }) }, actions);
    const item = items.find((i) => i.label === UPDATE_READY_LABEL);
    expect(UPDATE_READY_LABEL).toBe('Update ready — restart');
    (item?.click as () => void)();
    expect(restarts).toBe(1);
  });

  it('says why a deb or AppImage does not update itself, as a disabled line', () => {
    const items = trayMenuTemplate({ ...base, update: updateTrayItem({ state: 'off', reason: 'Updates come from your package manager or IT.' }) }, {
      openSearch: () => undefined,
      openSettings: () => undefined,
      openLibrary: () => undefined,
      openLogFolder: () => undefined,
      quit: () => undefined,
    });
    expect(items.filter((i) => i.label?.startsWith('Updates'))).toEqual([{ label: 'Updates come from your package manager or IT.', enabled: false }]);
  });

  it.each([
    [{ state: 'idle' }, null],
    [{ state: 'checking' }, null],
    [{ state: 'failed', reason: 'offline' }, null],
    [{ state: 'downloading', version: '1.3.0' }, { label: 'Downloading update 1.3.0…', restart: false }],
    [{ state: 'restart-pending', version: '1.3.0' }, { label: 'Update 1.3.0 installs when you close the overlay', restart: false }],
    [{ state: 'refused', version: '1.3.0', reason: 'bad signature' }, { label: '⚠ Update 1.3.0 refused: bad signature', restart: false }],
  ] as const)('%j shows %j', (state, item) => {
    expect(updateTrayItem(state)).toEqual(item);
  });
});
