import type { ReactNode } from 'react';
import type { Range } from '../../../common/ipc-contract';

/** Sorted, clamped, non-overlapping copies of the ranges the search engine returned. */
function normalise(ranges: Range[], length: number): Range[] {
  const sorted = ranges
    .map(([start, end]): Range => [Math.max(0, Math.min(start, length)), Math.max(0, Math.min(end, length))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Text with the matched ranges wrapped in <mark>. */
export function Highlighted({ text, ranges }: { text: string; ranges: Range[] }) {
  const parts: ReactNode[] = [];
  let cursor = 0;
  for (const [start, end] of normalise(ranges, text.length)) {
    if (start > cursor) parts.push(text.slice(cursor, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    cursor = end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return <>{parts}</>;
}
