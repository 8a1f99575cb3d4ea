import { useEffect, useState } from 'react';
import type { IpcError, RenderedReply } from '../../../common/ipc-contract';
import { api, call } from '../api';
import { useRequestSequence } from './useLatest';

export type ReplyState =
  | { status: 'pending' }
  | { status: 'rendered'; reply: RenderedReply }
  | { status: 'failed'; error: IpcError };

const DEBOUNCE_MS = 60;

/** The reply as it will be inserted, re-rendered shortly after each change to the values. */
export function useRenderedReply(id: string, locale: string, values: Record<string, string>): ReplyState {
  const [state, setState] = useState<ReplyState>({ status: 'pending' });
  const sequence = useRequestSequence();

  useEffect(() => {
    const requestId = sequence.next();
    const timer = window.setTimeout(() => {
      void call(() => api().renderTemplate({ id, locale, values })).then((result) => {
        if (!sequence.isCurrent(requestId)) return;
        setState(result.ok ? { status: 'rendered', reply: result.value } : { status: 'failed', error: result.error });
      });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [id, locale, values, sequence]);

  return state;
}
