import { useEffect, useState } from 'react';
import type { EntryView, IpcError } from '../../../common/ipc-contract';
import { api, call } from '../api';
import { useRequestSequence } from './useLatest';

export type EntryState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; entry: EntryView }
  | { status: 'failed'; error: IpcError };

/** The full entry behind a result; superseded lookups are dropped like search responses. */
export function useEntry(ref: { id: string; locale: string } | null, delayMs = 0): EntryState {
  const [state, setState] = useState<{ key: string; state: EntryState }>({ key: '', state: { status: 'idle' } });
  const sequence = useRequestSequence();
  const id = ref?.id ?? null;
  const locale = ref?.locale ?? null;
  const key = id === null || locale === null ? '' : `${locale}\u0000${id}`;

  useEffect(() => {
    const requestId = sequence.next();
    if (id === null || locale === null) return;
    // While the agent is typing, every keystroke selects a new first hit. Fetching each one would
    // queue behind (and delay) the next search, so the full entry waits for a short pause.
    const timer = window.setTimeout(() => {
      void call(() => api().getEntry({ id, locale })).then((result) => {
        if (!sequence.isCurrent(requestId)) return;
        const next: EntryState = result.ok ? { status: 'loaded', entry: result.value } : { status: 'failed', error: result.error };
        setState({ key: `${locale}\u0000${id}`, state: next });
      });
    }, delayMs);
    return () => window.clearTimeout(timer);
  }, [id, locale, sequence, delayMs]);

  if (key === '') return { status: 'idle' };
  return state.key === key ? state.state : { status: 'loading' };
}
