/**
 * The review workflow as plain rules: version states, which role may do what from which state,
 * four eyes, and the refusals the server answers. The server, the CLI and the tests all use
 * these functions; nothing here touches a database or the network.
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──retire──▶ retired
 *     ▲                   │                      │
 *     └──────reject───────┘                      └─(a newer version approved)─▶ superseded
 *   draft | in_review ──bulk_approve (admin)──▶ approved
 *
 * A newer submission also supersedes an older open (draft or in_review) version, so each
 * (id, locale) has at most one open version and at most one approved (live) one.
 */
import type { Role } from './sync-protocol';

export const VERSION_STATES = ['draft', 'in_review', 'approved', 'superseded', 'retired'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

/** Transitions of one version, each started by a person. */
export const VERSION_ACTIONS = ['submit', 'approve', 'reject', 'bulk_approve', 'retire'] as const;
export type VersionAction = (typeof VERSION_ACTIONS)[number];

/** Everything else a person may do to an entry; none of it changes a version's state. */
export const ENTRY_ACTIONS = ['rollback', 'verify', 'confirm_translation', 'flag', 'resolve_flag', 'set_owner'] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export type WorkflowAction = VersionAction | EntryAction;

/** Who may start each action. Agents only flag; only admins approve in bulk (a migration). */
export const ALLOWED_ROLES: Readonly<Record<WorkflowAction, readonly Role[]>> = {
  submit: ['lead', 'admin'],
  approve: ['lead', 'admin'],
  reject: ['lead', 'admin'],
  bulk_approve: ['admin'],
  retire: ['lead', 'admin'],
  rollback: ['lead', 'admin'],
  verify: ['lead', 'admin'],
  confirm_translation: ['lead', 'admin'],
  flag: ['agent', 'lead', 'admin'],
  resolve_flag: ['lead', 'admin'],
  set_owner: ['lead', 'admin'],
};

/** The state each version action starts from, and where it leads. */
export const TRANSITIONS: Readonly<Record<VersionAction, { from: readonly VersionState[]; to: VersionState }>> = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'draft' },
  bulk_approve: { from: ['draft', 'in_review'], to: 'approved' },
  retire: { from: ['approved'], to: 'retired' },
};

export type Refusal =
  | { status: 404; code: 'not_found'; message: string }
  | { status: 403; code: 'forbidden'; message: string }
  | { status: 403; code: 'four_eyes'; message: string }
  | { status: 409; code: 'invalid_transition'; message: string; currentState: VersionState };

export type Decision<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export interface Actor {
  name: string;
  role: Role;
}

export function mayAct(action: WorkflowAction, role: Role): boolean {
  return ALLOWED_ROLES[action].includes(role);
}

export function roleRefusal(action: WorkflowAction, actor: Actor): Refusal | null {
  if (mayAct(action, actor.role)) return null;
  const allowed = ALLOWED_ROLES[action].join(' or ');
  return {
    status: 403,
    code: 'forbidden',
    message: `${actionLabel(action)} needs a ${allowed} token; "${actor.name}" is ${actor.role === 'agent' || actor.role === 'admin' ? 'an' : 'a'} ${actor.role}`,
  };
}

/**
 * Whether `actor` may apply `action` to a version in `state` written by `author`, and the
 * state it then has. Checked in this order: role (403), state (409), four eyes (403).
 */
export function decideTransition(
  action: VersionAction,
  actor: Actor,
  version: { state: VersionState; author: string; number: number },
): Decision<VersionState> {
  const forbidden = roleRefusal(action, actor);
  if (forbidden) return { ok: false, refusal: forbidden };
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(version.state)) {
    return {
      ok: false,
      refusal: {
        status: 409,
        code: 'invalid_transition',
        message: `version ${version.number} is ${version.state}; ${actionLabel(action)} needs ${transition.from.join(' or ')}`,
        currentState: version.state,
      },
    };
  }
  if (action === 'approve' && actor.name === version.author) {
    return {
      ok: false,
      refusal: {
        status: 403,
        code: 'four_eyes',
        message: `"${actor.name}" wrote version ${version.number}; another lead must approve it (four eyes)`,
      },
    };
  }
  return { ok: true, value: transition.to };
}

export function actionLabel(action: WorkflowAction): string {
  return action.replace('_', ' ');
}
