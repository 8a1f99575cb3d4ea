import type { SearchHit } from '../../../common/ipc-contract';
import { primaryKeyLabel } from '../lib/platform';

interface Props {
  hit: SearchHit;
  onFlag: () => void;
  onShowSource: () => void;
}

/** Buttons for an entry's actions row, in the preview and the reader: flag it for its owner, or read a stale translation's source. */
export function ReviewActions({ hit, onFlag, onShowSource }: Props) {
  return (
    <>
      <button type="button" aria-keyshortcuts="Control+Shift+F" title={`Flag as outdated or wrong (${primaryKeyLabel}+Shift+F)`} onClick={onFlag}>
        Flag…
      </button>
      {hit.staleTranslation && hit.sourceLocale && (
        <button type="button" aria-keyshortcuts="Alt+S" title="Read the source this translation was made from (Alt+S)" onClick={onShowSource}>
          Show source ({hit.sourceLocale})
        </button>
      )}
    </>
  );
}
