/**
 * A failure the agent can act on, raised by domain and application code (settings, the overlay's
 * use cases) without knowing who called: IPC (main/ipc/handle.ts maps the code to the contract's
 * error code), the CLI or a test. Anything else thrown is a bug: it is logged and answered as
 * "internal".
 */
export type DomainErrorCode =
  /** The input breaks a rule (a URL that is not https, a link Cuecard will not open). */
  | 'invalid_input'
  /** The setting is pinned by the organisation's managed policy. */
  | 'managed_by_policy'
  | 'not_found'
  | 'invalid_hotkey'
  /** Another application holds the hotkey. */
  | 'hotkey_taken'
  /** The template does not parse or a value is missing. */
  | 'template_error'
  /** The OS cannot keep a secret (no keychain / safeStorage). */
  | 'secure_storage_unavailable'
  /** Asked to sync, but no server URL and token are set. */
  | 'server_not_configured'
  /** A pinned org root key refuses the entry (issue #15): it is not shown, inserted or copied. */
  | 'refused_signature'
  /** The Library: the server could not be reached (unsaved edits stay on this computer). */
  | 'server_unreachable'
  /** The Library: the token is not a lead's or an admin's. */
  | 'forbidden_role'
  /** The Library: the entry changed on the server since the edit started (a stale base). */
  | 'conflict'
  /** The Library: the server refused (four eyes, a transition, a rule); the message says why. */
  | 'refused';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
