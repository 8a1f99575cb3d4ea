import type { CuecardApi } from '../../common/ipc-contract';

// What page.evaluate callbacks may touch in the overlay page.
declare global {
  interface Window {
    cuecard?: CuecardApi;
    /** Set only if injected content manages to run script; the security test asserts it never is. */
    __xss?: number;
  }
}
