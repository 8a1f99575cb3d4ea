/** Calling the Library's channels in main as its page does: `lib` answers the IPC result, `ok` its value (or throws naming the error). */
import { LIBRARY_CHANNELS, LIBRARY_ENTRY_URL, type LibraryChannelKey } from '../../common/library-channels';
import type { LibraryResponseTypes } from '../../common/library-contract';
import type { IpcResult } from '../../common/ipc-contract';
import type { IpcRouter } from '../../main/ipc/handle';

export function libraryCalls(router: IpcRouter) {
  const lib = async <K extends LibraryChannelKey>(key: K, payload?: unknown, sender = LIBRARY_ENTRY_URL) =>
    (await router.dispatch(LIBRARY_CHANNELS[key], sender, payload ?? null)) as IpcResult<LibraryResponseTypes[K]>;
  const ok = async <K extends LibraryChannelKey>(key: K, payload?: unknown): Promise<LibraryResponseTypes[K]> => {
    const answer = await lib(key, payload);
    if (!answer.ok) throw new Error(`${key}: ${answer.error.code} ${answer.error.message}`);
    return answer.value;
  };
  return { lib, ok };
}
