import { describe, expect, it } from 'vitest';
import type { RenderedReply } from '../../../common/ipc-contract';
import type { ClipboardPort, ClipboardSnapshot } from '../../../main/core/ports';
import { PasteError } from '../../../main/paste/paste-strategy';
import type { PasteStrategy } from '../../../main/core/ports';
import { ReplyDelivery } from '../../../main/paste/reply-delivery';
import { collectLogLines } from '../../helpers/log-lines';

const REPLY: RenderedReply = { text: 'Hi Ana', html: '<p>Hi Ana</p>\n' };
const PREVIOUS: RenderedReply = { text: 'what was there', html: null };

interface Snapshot extends ClipboardSnapshot {
  content: RenderedReply;
}

interface SetupOptions {
  strategy?: PasteStrategy | null | 'throws';
  shortcut?: string;
  snapshotFails?: boolean;
  restoreFails?: boolean;
  unreadable?: string[];
}

function setup(options: SetupOptions = {}) {
  const events: string[] = [];
  const logs: string[] = [];
  let clipboard: RenderedReply = PREVIOUS;
  const port: ClipboardPort = {
    snapshot: async () => {
      events.push('snapshot');
      if (options.snapshotFails) throw new Error('clipboard busy');
      const snapshot: Snapshot = { content: clipboard, unreadable: options.unreadable ?? [] };
      return snapshot;
    },
    restore: async (snapshot) => {
      events.push(`restore:${(snapshot as Snapshot).content.text}`);
      if (options.restoreFails) throw new Error('clipboard owned by another process');
      clipboard = (snapshot as Snapshot).content;
    },
    write: async (content) => {
      events.push(`write:${content.text}`);
      clipboard = content;
    },
  };
  const delivery = new ReplyDelivery({
    clipboard: port,
    overlay: { hide: async () => void events.push('hide') },
    strategy: async () => {
      if (options.strategy === 'throws') throw new Error('which: EACCES');
      return options.strategy === undefined ? okStrategy(events) : options.strategy;
    },
    sleep: async (ms) => void events.push(`sleep:${ms}`),
    manualShortcut: options.shortcut ?? 'Ctrl+V',
    focusSettleMs: 100,
    restoreDelayMs: 400,
    log: collectLogLines(logs),
  });
  return { delivery, events, logs, clipboard: () => clipboard };
}

function okStrategy(events: string[], shortcut = 'Ctrl+V'): PasteStrategy {
  return {
    name: 'fake',
    available: async () => true,
    paste: async () => {
      events.push('paste');
      return { shortcut };
    },
  };
}

function failingStrategy(error: Error, name = 'fake'): PasteStrategy {
  return { name, available: async () => true, paste: async () => Promise.reject(error) };
}

describe('ReplyDelivery', () => {
  it('paste mode: copies, hides the overlay, waits for focus, then pastes', async () => {
    const { delivery, events, clipboard } = setup();
    expect(await delivery.deliver(REPLY, 'paste', false)).toEqual({ delivery: 'pasted', message: 'Pasted' });
    expect(events).toEqual(['write:Hi Ana', 'hide', 'sleep:100', 'paste']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('restores the previous clipboard after a successful paste', async () => {
    const { delivery, events, clipboard } = setup();
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({ delivery: 'pasted', message: 'Pasted' });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide', 'sleep:100', 'paste', 'sleep:400', 'restore:what was there']);
    expect(clipboard()).toEqual(PREVIOUS);
  });

  it('copy mode: leaves the reply on the clipboard and never pastes or restores', async () => {
    const { delivery, events, clipboard } = setup();
    expect(await delivery.deliver(REPLY, 'copy', true)).toEqual({ delivery: 'copied', message: 'Copied — press Ctrl+V' });
    expect(events).toEqual(['write:Hi Ana', 'hide']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('no paste tool: the reply stays on the clipboard and the agent is told to paste', async () => {
    const { delivery, events, clipboard } = setup({ strategy: null, shortcut: '⌘V' });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({ delivery: 'copied', message: 'Copied — press ⌘V' });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('choosing the paste tool fails: falls back to "copied" instead of failing the insert', async () => {
    const { delivery, events, logs, clipboard } = setup({ strategy: 'throws' });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({ delivery: 'copied', message: 'Copied — press Ctrl+V' });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide']);
    expect(logs).toEqual(['no paste tool could be chosen: which: EACCES']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('a failing paste tool: copied, not restored, and logged', async () => {
    const { delivery, events, logs, clipboard } = setup({ strategy: failingStrategy(new PasteError('failed', 'xdotool exited with 1')) });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({ delivery: 'copied', message: 'Copied — press Ctrl+V' });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide', 'sleep:100']);
    expect(logs).toEqual(['paste via fake failed: xdotool exited with 1']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('permission denied on macOS: copied, with how to allow pasting', async () => {
    const denied = failingStrategy(new PasteError('permission_denied', 'not allowed to send keystrokes'), 'macos-osascript');
    const { delivery, clipboard } = setup({ strategy: denied, shortcut: '⌘V' });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({
      delivery: 'copied',
      message:
        'Copied — press ⌘V. To paste for you, Cuecard needs Accessibility access (System Settings › Privacy & Security › Accessibility).',
    });
    expect(clipboard()).toEqual(REPLY);
  });

  it('permission denied elsewhere: copied, "not allowed"', async () => {
    const denied = failingStrategy(new PasteError('permission_denied', 'SendInput was blocked'), 'windows-sendinput');
    expect(await setup({ strategy: denied }).delivery.deliver(REPLY, 'paste', false)).toEqual({
      delivery: 'copied',
      message: 'Copied — press Ctrl+V. Pasting into this app was not allowed.',
    });
  });

  it("no display: says the display can't be opened, not that permission was refused", async () => {
    const error = new PasteError('no_display', "xdotool: Can't open display: :1", undefined, "Cuecard can't open the X display :1");
    expect(await setup({ strategy: failingStrategy(error) }).delivery.deliver(REPLY, 'paste', false)).toEqual({
      delivery: 'copied',
      message: "Copied — press Ctrl+V. Cuecard can't open the X display :1.",
    });
  });

  it('a target that refuses synthetic keys: copied, with the shortcut that fits it and why', async () => {
    const error = new PasteError('refused_target', 'not pasting', 'Ctrl+Shift+V', 'it is a password prompt or screen lock, which refuses synthetic keys');
    expect(await setup({ strategy: failingStrategy(error) }).delivery.deliver(REPLY, 'paste', false)).toEqual({
      delivery: 'copied',
      message: 'Copied — press Ctrl+Shift+V. Not pasted: it is a password prompt or screen lock, which refuses synthetic keys.',
    });
  });

  it('an unknown target: copied, saying the focused window could not be read', async () => {
    const error = new PasteError('unknown_target', 'xprop could not read the class of window 7', 'Ctrl+V');
    expect(await setup({ strategy: failingStrategy(error) }).delivery.deliver(REPLY, 'paste', false)).toEqual({
      delivery: 'copied',
      message: 'Copied — press Ctrl+V. Cuecard could not tell which window has focus.',
    });
  });

  it('an unexpected exception from the strategy is also just "copied"', async () => {
    const { delivery, logs } = setup({ strategy: failingStrategy(new Error('spawn EACCES')) });
    expect(await delivery.deliver(REPLY, 'paste', false)).toEqual({ delivery: 'copied', message: 'Copied — press Ctrl+V' });
    expect(logs).toEqual(['paste via fake failed: spawn EACCES']);
  });

  it('an unreadable clipboard does not stop pasting, and the outcome says it was not put back', async () => {
    const { delivery, events, logs } = setup({ snapshotFails: true });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({
      delivery: 'pasted',
      message: 'Pasted. The previous clipboard could not be read, so it was not put back.',
    });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide', 'sleep:100', 'paste']);
    expect(logs).toEqual(['could not read the clipboard to restore it later: clipboard busy']);
  });

  it('a failed restore is still "pasted" (never an error), and says the old clipboard is gone', async () => {
    const { delivery, events, logs, clipboard } = setup({ restoreFails: true });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({
      delivery: 'pasted',
      message: 'Pasted. The previous clipboard could not be put back.',
    });
    expect(events).toEqual(['snapshot', 'write:Hi Ana', 'hide', 'sleep:100', 'paste', 'sleep:400', 'restore:what was there']);
    expect(logs).toEqual(['could not restore the clipboard: clipboard owned by another process']);
    expect(clipboard()).toEqual(REPLY);
  });

  it('formats that could not be read are named after the restore', async () => {
    const { delivery, clipboard } = setup({ unreadable: ['image/tiff', 'text/uri-list'] });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({
      delivery: 'pasted',
      message: 'Pasted. The previous clipboard was put back without image/tiff, text/uri-list, which could not be read.',
    });
    expect(clipboard()).toEqual(PREVIOUS);
  });
});
