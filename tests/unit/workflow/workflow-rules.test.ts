import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../common/sync-protocol';
import { ENTRY_ACTIONS, VERSION_STATES, mayAct, roleRefusal, type EntryAction } from '../../../common/workflow';
import {
  decideConfirmTranslation,
  decideRollback,
  decideVerify,
  isTranslationStale,
  isVerificationDue,
  verificationDueAt,
} from '../../../common/workflow-rules';

const lead = { name: 'bo', role: 'lead' as const };
const agent = { name: 'sam', role: 'agent' as const };
const entry = { id: 'kb/returns', locale: 'fr' };

describe('entry actions × roles', () => {
  // Spelled per role (what each may do), not per action as common/workflow.ts keeps it: an
  // independent statement of the rule, so a wrong row there cannot be copied here unnoticed.
  const MAY_DO: Record<Role, readonly EntryAction[]> = {
    agent: ['flag'],
    bot: [],
    lead: ['rollback', 'verify', 'confirm_translation', 'flag', 'resolve_flag', 'set_owner'],
    admin: ['rollback', 'verify', 'confirm_translation', 'flag', 'resolve_flag', 'set_owner'],
  };
  const rows = ENTRY_ACTIONS.flatMap((action) => ROLES.map((role) => ({ action, role })));
  it.each(rows)('$action by $role', ({ action, role }) => {
    const allowed = MAY_DO[role].includes(action);
    expect(mayAct(action, role)).toBe(allowed);
    const refusal = roleRefusal(action, { name: 'x', role });
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('stale translations', () => {
  it('a translation confirmed against an older source version is stale; the source never is', () => {
    const source = { locale: 'en', liveVersion: 3 };
    expect(isTranslationStale({ locale: 'fr', confirmedSourceVersion: 2 }, source)).toBe(true);
    expect(isTranslationStale({ locale: 'fr', confirmedSourceVersion: 3 }, source)).toBe(false);
    expect(isTranslationStale({ locale: 'fr', confirmedSourceVersion: null }, source)).toBe(true);
    expect(isTranslationStale({ locale: 'en', confirmedSourceVersion: null }, source)).toBe(false);
    expect(isTranslationStale({ locale: 'fr', confirmedSourceVersion: null }, { locale: 'en', liveVersion: null })).toBe(false);
  });
});

describe('verification', () => {
  it('falls due an interval after the later of approval and last verification', () => {
    expect(verificationDueAt('2026-01-01T00:00:00.000Z', null, 90)).toBe('2026-04-01T00:00:00.000Z');
    expect(verificationDueAt('2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 10)).toBe('2026-02-11T00:00:00.000Z');
    expect(verificationDueAt('2026-03-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', 1)).toBe('2026-03-02T00:00:00.000Z');
  });

  it('is due from its due date on, never without one', () => {
    const due = '2026-04-01T00:00:00.000Z';
    expect(isVerificationDue(due, new Date('2026-03-31T23:59:59.999Z'))).toBe(false);
    expect(isVerificationDue(due, new Date(due))).toBe(true);
    expect(isVerificationDue(null, new Date(due))).toBe(false);
    expect(isVerificationDue(undefined, new Date(due))).toBe(false);
  });

  it('needs a live version', () => {
    expect(decideVerify(lead, entry, { number: 2, state: 'approved' })).toEqual({ ok: true, value: 2 });
    expect(decideVerify(lead, entry, undefined)).toMatchObject({ ok: false, refusal: { status: 404, code: 'not_found' } });
    expect(decideVerify(lead, entry, { number: 2, state: 'retired' })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: 'invalid_transition', currentState: 'retired' },
    });
    expect(decideVerify(agent, entry, { number: 2, state: 'approved' })).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
  });
});

describe('rollback', () => {
  it.each(VERSION_STATES)('to a %s version', (state) => {
    const decision = decideRollback(lead, entry, { number: 1, state }, 1);
    if (state === 'superseded' || state === 'retired') expect(decision).toEqual({ ok: true, value: { contentOf: 1 } });
    else expect(decision).toMatchObject({ ok: false, refusal: { status: 409, code: 'invalid_transition', currentState: state } });
  });

  it('to a version this entry does not have is not found; agents may not roll back', () => {
    expect(decideRollback(lead, entry, undefined, 7)).toEqual({
      ok: false,
      refusal: { status: 404, code: 'not_found', message: '"kb/returns" (fr) has no version 7' },
    });
    expect(decideRollback(agent, entry, { number: 1, state: 'superseded' }, 1)).toMatchObject({ ok: false, refusal: { code: 'forbidden' } });
  });
});

describe('confirm translation', () => {
  const live = { number: 4, state: 'approved' as const };
  it('clears a stale translation only', () => {
    expect(decideConfirmTranslation(lead, entry, live, { isSource: false, stale: true })).toEqual({ ok: true, value: 4 });
    expect(decideConfirmTranslation(lead, entry, live, { isSource: false, stale: false })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: 'invalid_transition', message: '"kb/returns" (fr) is not marked stale' },
    });
    expect(decideConfirmTranslation(lead, entry, live, { isSource: true, stale: false })).toMatchObject({
      ok: false,
      refusal: { status: 409, code: 'invalid_transition' },
    });
    expect(decideConfirmTranslation(lead, entry, undefined, { isSource: false, stale: true })).toMatchObject({
      ok: false,
      refusal: { status: 404 },
    });
    expect(decideConfirmTranslation(lead, entry, { number: 4, state: 'in_review' }, { isSource: false, stale: true })).toMatchObject({
      ok: false,
      refusal: { status: 409, currentState: 'in_review' },
    });
    expect(decideConfirmTranslation(agent, entry, live, { isSource: false, stale: true })).toMatchObject({ ok: false, refusal: { status: 403 } });
  });
});
