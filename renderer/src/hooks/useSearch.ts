import { useLayoutEffect, useState } from 'react';
import type { IpcError, SearchHit } from '../../../common/ipc-contract';
import { api, call } from '../api';
import { useRequestSequence } from './useLatest';

export interface SearchState {
  /** The query the shown hits answer (may lag the field by one response). */
  query: string;
  hits: SearchHit[];
  recent: boolean;
  error: IpcError | null;
  /** False until the first response for the current inputs arrives. */
  settled: boolean;
}

const RESULT_LIMIT = 30;

/** Results as you type: one request per change, responses for superseded inputs are dropped. */
export function useSearch(query: string, locale: string | null, refreshKey: number): SearchState {
  const [state, setState] = useState<SearchState & { answers: string }>({
    query: '',
    hits: [],
    recent: true,
    error: null,
    settled: false,
    answers: '',
  });
  // Which inputs the current state answers; anything else means a newer request is in flight.
  const inputs = `${locale}\u0000${refreshKey}\u0000${query}`;
  const sequence = useRequestSequence();

  // A layout effect runs right after the keystroke's commit; a plain effect would wait for the
  // browser to paint first and add up to a frame to every keystroke's latency.
  useLayoutEffect(() => {
    if (locale === null) return;
    const id = sequence.next();
    void call(() => api().search({ query, locale, limit: RESULT_LIMIT })).then((result) => {
      if (!sequence.isCurrent(id)) return;
      if (result.ok) {
        setState({ query, hits: result.value.hits, recent: result.value.recent, error: null, settled: true, answers: inputs });
      } else {
        setState({ query, hits: [], recent: false, error: result.error, settled: true, answers: inputs });
      }
    });
  }, [query, locale, refreshKey, inputs, sequence]);

  return { query: state.query, hits: state.hits, recent: state.recent, error: state.error, settled: state.answers === inputs };
}
