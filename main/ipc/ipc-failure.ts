import type { ErrorCode } from '../../common/ipc-contract';

/** Thrown by a service behind IPC to answer `{ ok: false, error: { code, message } }`. */
export class IpcFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
