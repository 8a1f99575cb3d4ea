/** What the tray says about updates; `restart` makes the item restart into the new version. */
import { assertNever } from '../../common/assert-never';
import type { UpdateState } from './update-service';

export interface UpdateTrayItem {
  label: string;
  restart: boolean;
}

export const UPDATE_READY_LABEL = 'Update ready — restart';

export function updateTrayItem(state: UpdateState): UpdateTrayItem | null {
  switch (state.state) {
    case 'ready':
      return { label: UPDATE_READY_LABEL, restart: true };
    case 'restart-pending':
      return { label: `Update ${state.version} installs when you close the overlay`, restart: false };
    case 'downloading':
      return { label: `Downloading update ${state.version}…`, restart: false };
    case 'refused':
      return { label: `⚠ Update ${state.version ?? ''} refused: ${state.reason}`.replace('  ', ' '), restart: false };
    case 'off':
      return { label: state.reason, restart: false };
    case 'idle':
    case 'checking':
    case 'failed':
      return null;
    default:
      return assertNever(state);
  }
}
