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
export function useEntry(ref: { id: string; locale: string } | null): EntryState {
  const [state, setState] = useState<EntryState>({ status: 'idle' });
  const sequence = useRequestSequence();
  const id = ref?.id ?? null;
  const locale = ref?.locale ?? null;

  useEffect(() => {
    const requestId = sequence.next();
    if (id === null || locale === null) {
      setState({ status: 'idle' });
      return;
    }
    setState((previous) => (previous.status === 'loaded' ? previous : { status: 'loading' }));
    void call(() => api().getEntry({ id, locale })).then((result) => {
      if (!sequence.isCurrent(requestId)) return;
      setState(result.ok ? { status: 'loaded', entry: result.value } : { status: 'failed', error: result.error });
    });
  }, [id, locale, sequence]);

  return state;
}
