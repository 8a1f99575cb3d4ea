import { describe, expect, it } from 'vitest';
import type { RenderedReply } from '../../../common/ipc-contract';
import { PasteError } from '../../../main/paste/paste-strategy';
import type { PasteStrategy } from '../../../main/paste/paste-strategy';
import { ReplyDelivery } from '../../../main/paste/reply-delivery';

const REPLY: RenderedReply = { text: 'Hi Ana', html: '<p>Hi Ana</p>\n' };
const PREVIOUS: RenderedReply = { text: 'what was there', html: null };

function setup(options: { strategy?: PasteStrategy | null; shortcut?: string; readFails?: boolean } = {}) {
  const events: string[] = [];
  let clipboard: RenderedReply = PREVIOUS;
  const delivery = new ReplyDelivery({
    clipboard: {
      read: async () => {
        events.push('read');
        if (options.readFails) throw new Error('clipboard busy');
        return clipboard;
      },
      write: async (content) => {
        events.push(`write:${content.text}`);
        clipboard = content;
      },
    },
    overlay: { hide: async () => void events.push('hide') },
    strategy: async () => (options.strategy === undefined ? okStrategy(events) : options.strategy),
    sleep: async (ms) => void events.push(`sleep:${ms}`),
    manualShortcut: options.shortcut ?? 'Ctrl+V',
    focusSettleMs: 100,
    restoreDelayMs: 400,
  });
  return { delivery, events, clipboard: () => clipboard };
}

function okStrategy(events: string[]): PasteStrategy {
  return {
    name: 'fake',
    manualShortcut: 'Ctrl+V',
    available: async () => true,
    paste: async () => void events.push('paste'),
  };
}

function failingStrategy(error: Error, name = 'fake'): PasteStrategy {
  return { name, manualShortcut: 'Ctrl+V', available: async () => true, paste: async () => Promise.reject(error) };
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
    expect((await delivery.deliver(REPLY, 'paste', true)).delivery).toBe('pasted');
    expect(events).toEqual(['read', 'write:Hi Ana', 'hide', 'sleep:100', 'paste', 'sleep:400', 'write:what was there']);
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
    expect(events).not.toContain('write:what was there');
    expect(clipboard()).toEqual(REPLY);
  });

  it('a failing paste tool: copied, not restored', async () => {
    const { delivery, clipboard } = setup({ strategy: failingStrategy(new PasteError('failed', 'xdotool exited with 1')) });
    expect(await delivery.deliver(REPLY, 'paste', true)).toEqual({ delivery: 'copied', message: 'Copied — press Ctrl+V' });
    expect(clipboard()).toEqual(REPLY);
  });

  it('permission denied on macOS: copied, with how to allow pasting', async () => {
    const denied = failingStrategy(new PasteError('permission_denied', 'not allowed to send keystrokes'), 'macos-osascript');
    const { delivery, clipboard } = setup({ strategy: denied, shortcut: '⌘V' });
    const outcome = await delivery.deliver(REPLY, 'paste', true);
    expect(outcome.delivery).toBe('copied');
    expect(outcome.message).toMatch(/^Copied — press ⌘V\. To paste for you, Cuecard needs Accessibility access/);
    expect(clipboard()).toEqual(REPLY);
  });

  it('an unexpected exception from the strategy is also just "copied"', async () => {
    const { delivery } = setup({ strategy: failingStrategy(new Error('spawn EACCES')) });
    expect((await delivery.deliver(REPLY, 'paste', false)).delivery).toBe('copied');
  });

  it('an unreadable clipboard does not stop pasting (there is just nothing to restore)', async () => {
    const { delivery, events } = setup({ readFails: true });
    expect((await delivery.deliver(REPLY, 'paste', true)).delivery).toBe('pasted');
    expect(events).toEqual(['read', 'write:Hi Ana', 'hide', 'sleep:100', 'paste']);
  });
});
