import { useMemo, useRef } from 'react';

/**
 * Hands out increasing request ids so a slow response for an older input can be recognised and
 * dropped: `isCurrent(id)` is true only for the most recently issued id. The returned object is
 * stable, so effects may list it as a dependency without re-running.
 */
export function useRequestSequence(): { next: () => number; isCurrent: (id: number) => boolean } {
  const counter = useRef(0);
  return useMemo(
    () => ({
      next: () => ++counter.current,
      isCurrent: (id: number) => id === counter.current,
    }),
    [],
  );
}
