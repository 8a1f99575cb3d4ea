/**
 * Every version action × every role × every state × (author or not), against a table written
 * out by hand: the allowed rows succeed with the state named here, every other row is refused
 * with the code named here.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../common/sync-protocol';
import { VERSION_ACTIONS, VERSION_STATES, decideTransition, type VersionAction, type VersionState } from '../../../common/workflow';

/** action, role, from-state, whether the actor wrote the version → state after. */
const ALLOWED: ReadonlyArray<readonly [VersionAction, Role, VersionState, 'own' | 'other', VersionState]> = [
  ['submit', 'lead', 'draft', 'own', 'in_review'],
  ['submit', 'lead', 'draft', 'other', 'in_review'],
  ['submit', 'admin', 'draft', 'own', 'in_review'],
  ['submit', 'admin', 'draft', 'other', 'in_review'],
  ['approve', 'lead', 'in_review', 'other', 'approved'],
  ['approve', 'admin', 'in_review', 'other', 'approved'],
  ['reject', 'lead', 'in_review', 'own', 'draft'],
  ['reject', 'lead', 'in_review', 'other', 'draft'],
  ['reject', 'admin', 'in_review', 'own', 'draft'],
  ['reject', 'admin', 'in_review', 'other', 'draft'],
  ['bulk_approve', 'admin', 'draft', 'own', 'approved'],
  ['bulk_approve', 'admin', 'draft', 'other', 'approved'],
  ['bulk_approve', 'admin', 'in_review', 'own', 'approved'],
  ['bulk_approve', 'admin', 'in_review', 'other', 'approved'],
  ['retire', 'lead', 'approved', 'own', 'retired'],
  ['retire', 'lead', 'approved', 'other', 'retired'],
  ['retire', 'admin', 'approved', 'own', 'retired'],
  ['retire', 'admin', 'approved', 'other', 'retired'],
];

/** Who may start each action at all (403 `forbidden` for everyone else, whatever the state). */
const ROLE_OK: Record<VersionAction, readonly Role[]> = {
  submit: ['lead', 'admin'],
  approve: ['lead', 'admin'],
  reject: ['lead', 'admin'],
  bulk_approve: ['admin'],
  retire: ['lead', 'admin'],
};
/** The states each action starts from (409 `invalid_transition` from any other). */
const FROM: Record<VersionAction, readonly VersionState[]> = {
  submit: ['draft'],
  approve: ['in_review'],
  reject: ['in_review'],
  bulk_approve: ['draft', 'in_review'],
  retire: ['approved'],
};

const rows = VERSION_ACTIONS.flatMap((action) =>
  ROLES.flatMap((role) => VERSION_STATES.flatMap((state) => (['own', 'other'] as const).map((who) => ({ action, role, state, who })))),
);

describe('the transition × role table', () => {
  it('covers 5 actions × 4 roles × 5 states × own/other = 200 rows, 18 of them allowed', () => {
    expect(rows).toHaveLength(200);
    const allowed = rows.filter((r) => decideTransition(r.action, actor(r.role, r.who), version(r.state)).ok);
    expect(allowed).toHaveLength(ALLOWED.length);
  });

  it.each(rows)('$action by $role ($who version) from $state', ({ action, role, state, who }) => {
    const decision = decideTransition(action, actor(role, who), version(state));
    const row = ALLOWED.find(([a, r, s, w]) => a === action && r === role && s === state && w === who);
    if (row) {
      expect(decision).toEqual({ ok: true, value: row[4] });
      return;
    }
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    if (!ROLE_OK[action].includes(role)) {
      expect(decision.refusal).toMatchObject({ status: 403, code: 'forbidden' });
    } else if (!FROM[action].includes(state)) {
      expect(decision.refusal).toMatchObject({ status: 409, code: 'invalid_transition', currentState: state });
    } else {
      expect([action, who]).toEqual(['approve', 'own']);
      expect(decision.refusal).toMatchObject({ status: 403, code: 'four_eyes' });
    }
  });

  it('names the actor and the version in a four-eyes refusal', () => {
    const decision = decideTransition('approve', { name: 'ana', role: 'lead' }, { state: 'in_review', author: 'ana', number: 3 });
    expect(decision).toEqual({
      ok: false,
      refusal: { status: 403, code: 'four_eyes', message: '"ana" wrote version 3; another lead must approve it (four eyes)' },
    });
  });
});

function actor(role: Role, who: 'own' | 'other') {
  return { name: who === 'own' ? 'writer' : 'someone-else', role };
}
function version(state: VersionState) {
  return { state, author: 'writer', number: 2 };
}
