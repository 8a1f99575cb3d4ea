/**
 * The entry-level rules of the review workflow: translations going stale, verification falling
 * due, and what a rollback, a verification or a translation confirmation needs. Plain functions
 * over plain values, shared by the server and the agent's overlay.
 */
import { roleRefusal, type Actor, type Decision, type Refusal, type VersionState } from './workflow';

export const DEFAULT_VERIFICATION_INTERVAL_DAYS = 90;
export const MIN_VERIFICATION_INTERVAL_DAYS = 1;
export const MAX_VERIFICATION_INTERVAL_DAYS = 3650;
const DAY_MS = 24 * 60 * 60 * 1000;

export const MAX_REVIEW_COMMENT_LENGTH = 2000;
/** An agent's flag is a short note, typed in the overlay. */
export const MAX_FLAG_COMMENT_LENGTH = 500;
/** Why an agent flags an entry (the overlay's flag form offers each, in this order). */
export const FLAG_REASONS = ['outdated', 'wrong'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

// ---- per-language variants ---------------------------------------------------
/**
 * A translation records the source version it was last approved or confirmed against; it is
 * stale while the source's live version is newer. The source itself is never stale, and
 * nothing is stale while the source has no live version.
 */
export function isTranslationStale(
  variant: { locale: string; confirmedSourceVersion: number | null },
  source: { locale: string; liveVersion: number | null },
): boolean {
  if (variant.locale === source.locale || source.liveVersion === null) return false;
  return (variant.confirmedSourceVersion ?? 0) < source.liveVersion;
}

// ---- verification ------------------------------------------------------------
/** When an entry needs its owner to look at it again: its last approval or verification + interval. */
export function verificationDueAt(lastApprovedAt: string, lastVerifiedAt: string | null, intervalDays: number): string {
  const since = lastVerifiedAt !== null && lastVerifiedAt > lastApprovedAt ? lastVerifiedAt : lastApprovedAt;
  return new Date(Date.parse(since) + intervalDays * DAY_MS).toISOString();
}

/** Past its due date an entry stays usable; agents see *needs review*. */
export function isVerificationDue(dueAt: string | null | undefined, now: Date): boolean {
  return dueAt !== null && dueAt !== undefined && Date.parse(dueAt) <= now.getTime();
}

// ---- entry actions -------------------------------------------------------------
export interface LiveVersion {
  number: number;
  state: VersionState;
}

function notFound(message: string): Refusal {
  return { status: 404, code: 'not_found', message };
}

function invalid(message: string, currentState: VersionState): Refusal {
  return { status: 409, code: 'invalid_transition', message, currentState };
}

/**
 * A rollback writes a new version (in review) with an earlier version's content. The earlier
 * version must belong to this (id, locale) and be one that is no longer current: superseded or
 * retired. The live one, or an open draft, is not "earlier".
 */
export function decideRollback(
  actor: Actor,
  entry: { id: string; locale: string },
  target: { number: number; state: VersionState } | undefined,
  requested: number,
): Decision<{ contentOf: number }> {
  const forbidden = roleRefusal('rollback', actor);
  if (forbidden) return { ok: false, refusal: forbidden };
  if (!target) return { ok: false, refusal: notFound(`"${entry.id}" (${entry.locale}) has no version ${requested}`) };
  if (target.state !== 'superseded' && target.state !== 'retired') {
    return {
      ok: false,
      refusal: invalid(`version ${target.number} is ${target.state}; a rollback goes back to a superseded or retired version`, target.state),
    };
  }
  return { ok: true, value: { contentOf: target.number } };
}

/** A verification records that the live version is still right; it needs one. */
export function decideVerify(actor: Actor, entry: { id: string; locale: string }, latest: LiveVersion | undefined): Decision<number> {
  const forbidden = roleRefusal('verify', actor);
  if (forbidden) return { ok: false, refusal: forbidden };
  if (!latest) return { ok: false, refusal: notFound(`no entry "${entry.id}" in locale "${entry.locale}"`) };
  if (latest.state !== 'approved') {
    return { ok: false, refusal: invalid(`"${entry.id}" (${entry.locale}) has no live version to verify`, latest.state) };
  }
  return { ok: true, value: latest.number };
}

/** Confirming a translation clears its stale mark without a new version; only a stale variant has one. */
export function decideConfirmTranslation(
  actor: Actor,
  entry: { id: string; locale: string },
  live: LiveVersion | undefined,
  variant: { isSource: boolean; stale: boolean },
): Decision<number> {
  const forbidden = roleRefusal('confirm_translation', actor);
  if (forbidden) return { ok: false, refusal: forbidden };
  if (!live) return { ok: false, refusal: notFound(`no entry "${entry.id}" in locale "${entry.locale}"`) };
  if (live.state !== 'approved') {
    return { ok: false, refusal: invalid(`"${entry.id}" (${entry.locale}) has no live version to confirm`, live.state) };
  }
  if (variant.isSource) {
    return { ok: false, refusal: invalid(`${entry.locale} is the source locale of "${entry.id}"; only translations are confirmed`, live.state) };
  }
  if (!variant.stale) {
    return { ok: false, refusal: invalid(`"${entry.id}" (${entry.locale}) is not marked stale`, live.state) };
  }
  return { ok: true, value: live.number };
}
