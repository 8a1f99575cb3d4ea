import { useCallback, useRef } from 'react';

/**
 * Hands out increasing request ids so a slow response for an older input can be recognised and
 * dropped: `isCurrent(id)` is true only for the most recently issued id.
 */
export function useRequestSequence(): { next: () => number; isCurrent: (id: number) => boolean } {
  const counter = useRef(0);
  const next = useCallback(() => ++counter.current, []);
  const isCurrent = useCallback((id: number) => id === counter.current, []);
  return { next, isCurrent };
}
