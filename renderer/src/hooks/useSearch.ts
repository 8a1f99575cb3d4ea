import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { IpcError, IpcResult, SearchHit, SearchResponse } from '../../../common/ipc-contract';
import { NewestOnly } from '../../../common/newest-only';
import { api, call } from '../api';

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

interface SearchInputs {
  query: string;
  locale: string;
  /** Which inputs these are, as one string (equal keys ask the same search). */
  key: string;
}

const inputsKey = (query: string, locale: string | null, refreshKey: number) => `${locale}\u0000${refreshKey}\u0000${query}`;

/**
 * Results as you type: the newest inputs only (common/newest-only.ts: one search in flight, the
 * newest waiting one next, answers for superseded inputs dropped). `typed(text)` asks for the
 * search straight from the field's input event, before React renders the keystroke; the render's
 * own request for the same inputs is then nothing new.
 */
export function useSearch(query: string, locale: string | null, refreshKey: number): SearchState & { typed: (text: string) => void } {
  const [state, setState] = useState<SearchState & { answers: string }>({
    query: '',
    hits: [],
    recent: true,
    error: null,
    settled: false,
    answers: '',
  });
  const inputs = inputsKey(query, locale, refreshKey);
  const searches = useMemo(
    () =>
      new NewestOnly<SearchInputs, IpcResult<SearchResponse>>(
        (asked) => call(() => api().search({ query: asked.query, locale: asked.locale, limit: RESULT_LIMIT })),
        (asked, result) => {
          if (result.ok) {
            setState({ query: asked.query, hits: result.value.hits, recent: result.value.recent, error: null, settled: true, answers: asked.key });
          } else {
            setState({ query: asked.query, hits: [], recent: false, error: result.error, settled: true, answers: asked.key });
          }
        },
      ),
    [],
  );
  useLayoutEffect(() => () => searches.cancel(), [searches]);

  // A layout effect runs right after the keystroke's commit; a plain effect would wait for the
  // browser to paint first and add up to a frame to every keystroke's latency.
  useLayoutEffect(() => {
    if (locale === null) return;
    searches.request(inputs, { query, locale, key: inputs });
  }, [query, locale, inputs, searches]);

  const typed = useCallback(
    (text: string) => {
      if (locale !== null) searches.request(inputsKey(text, locale, refreshKey), { query: text, locale, key: inputsKey(text, locale, refreshKey) });
    },
    [locale, refreshKey, searches],
  );

  return { query: state.query, hits: state.hits, recent: state.recent, error: state.error, settled: state.answers === inputs, typed };
}
