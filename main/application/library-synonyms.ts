/**
 * The Library's reports and synonyms (issue #18): the leads' reports (`no-results` first: this
 * week's top missed searches), and the organisation's synonym rules — add one (from a missed
 * search), edit a live one (a new rule that replaces it once approved), approve, reject or retire.
 * An approval is signed with this machine's approver key when it has one (docs/signing.md), so
 * agents with a pinned org root key apply the rule; without a key it is approved unsigned.
 */
import type { LibraryReport } from '../../common/library-contract';
import { ReportSchema, type ReportName } from '../../common/signals/signal-protocol';
import type { ApprovalSignature } from '../../common/signing/approval';
import type { SignedSynonymRule } from '../../common/signing/synonym-approval';
import {
  SubmitSynonymsResultSchema,
  SynonymDecisionSchema,
  SynonymListSchema,
  type StoredSynonymRule,
  type SynonymDecision,
  type SynonymState,
} from '../../common/synonyms/synonym-protocol';
import { ruleSetProblems, type SynonymRule } from '../../common/synonyms/synonym-rules';
import { assertNever } from '../../common/assert-never';
import { DomainError } from '../core/domain-error';
import { callServer, type ServerTarget } from '../review/review-client';

/** This machine's approver key, when the lead made one (main/signing/approver-key-store.ts). */
export interface SynonymSigner {
  publicKey(): Promise<string | null>;
  signSynonym(rule: SignedSynonymRule): Promise<ApprovalSignature>;
}

export function report(target: ServerTarget, name: ReportName): Promise<LibraryReport> {
  return callServer(target, 'GET', `/v1/reports/${name}`, undefined, ReportSchema);
}

export async function synonymRules(target: ServerTarget, state: SynonymState): Promise<{ rules: StoredSynonymRule[] }> {
  return callServer(target, 'GET', `/v1/synonyms/rules?state=${state}`, undefined, SynonymListSchema);
}

/** A new rule in review (an edit of `replaces` when given), after the shared rule check. */
export async function addSynonym(target: ServerTarget, rule: SynonymRule, replaces: string | undefined): Promise<{ rules: StoredSynonymRule[] }> {
  const problem = ruleSetProblems([rule])[0];
  if (problem) throw new DomainError('invalid_input', problem.message);
  return callServer(target, 'POST', '/v1/synonyms', { rules: [rule], ...(replaces ? { replaces } : {}) }, SubmitSynonymsResultSchema);
}

export async function decideSynonym(
  target: ServerTarget,
  ruleId: string,
  action: SynonymDecision,
  signer: SynonymSigner | undefined,
): Promise<{ rule: StoredSynonymRule; version: number }> {
  const path = `/v1/synonyms/${encodeURIComponent(ruleId)}`;
  switch (action) {
    case 'approve': {
      const signature = signer && (await signer.publicKey()) ? await signer.signSynonym(await inReview(target, ruleId)) : null;
      return callServer(target, 'POST', `${path}/approve`, signature ? { signature } : undefined, SynonymDecisionSchema);
    }
    case 'reject':
      return callServer(target, 'POST', `${path}/reject`, undefined, SynonymDecisionSchema);
    case 'retire':
      return callServer(target, 'DELETE', path, undefined, SynonymDecisionSchema);
    default:
      return assertNever(action);
  }
}

/** The rule exactly as the server holds it in review: what the approver signs. */
async function inReview(target: ServerTarget, ruleId: string): Promise<StoredSynonymRule> {
  const rule = (await synonymRules(target, 'in_review')).rules.find((r) => r.ruleId === ruleId);
  if (!rule) throw new DomainError('refused', 'This synonym rule is no longer in review; refresh the list.');
  return rule;
}
