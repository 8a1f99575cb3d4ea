/** A refusal of the review workflow, answered as `{ error: { code, message, currentState?, currentVersion? } }`. */
import type { Refusal, VersionState } from '../../common/workflow';

export class WorkflowError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { currentState?: VersionState; currentVersion?: number } = {},
  ) {
    super(message);
  }

  static of(refusal: Refusal): WorkflowError {
    return new WorkflowError(refusal.status, refusal.code, refusal.message, 'currentState' in refusal ? { currentState: refusal.currentState } : {});
  }

  body(): { error: { code: string; message: string; currentState?: VersionState; currentVersion?: number } } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

export function refuse(refusal: Refusal | null): void {
  if (refusal) throw WorkflowError.of(refusal);
}
