import { useEffect, useRef } from 'react';
import type { OverlayEvent } from '../../../common/ipc-contract';
import { api } from '../api';

/** Subscribes once; the latest handler always sees current state without resubscribing. */
export function useOverlayEvents(handler: (event: OverlayEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => api().subscribe((event) => latest.current(event)), []);
}
