import type { CuecardApi } from '../../common/ipc-contract';
import type { LibraryApi } from '../../common/library-contract';

// What page.evaluate callbacks may touch in the overlay page.
declare global {
  interface Window {
    cuecard?: CuecardApi;
    /** The Library page's bridge (issue #14). */
    cuecardLibrary?: LibraryApi;
    /** Set only if injected content manages to run script; the security test asserts it never is. */
    __xss?: number;
    /** The harness bridge's "idle" signal (tests/harness/bridge-client.js); absent in the app. */
    __cuecardBridge?: { idle(): Promise<{ calls: Record<string, number> }> };
    /** The queries of the results-painted marks seen since a test started recording them. */
    __painted?: string[];
  }
}
