/**
 * The review workflow on the server: submitting versions, approving (four eyes), rejecting,
 * retiring, rolling back, verifying, confirming translations and changing owners. Each call is
 * one transaction; the rules themselves are common/workflow*.ts.
 */
import type { SubmittedEntry, SubmitResult, VersionRef } from '../../common/review-protocol';
import { decideTransition, roleRefusal, type Actor, type VersionAction } from '../../common/workflow';
import { decideConfirmTranslation, decideRollback, decideVerify, isTranslationStale } from '../../common/workflow-rules';
import type { KnowledgeRepo, WrittenChange } from '../db/knowledge-repo';
import type { ServerDb } from '../db/server-db';
import { versionContentOf, type VersionRow } from './review-entities';
import { ReviewTx, key } from './review-tx';
import { submitBatch } from './submit-batch';
import type { ApprovalSignature } from '../../common/signing/approval';
import type { RetirementSignature } from '../../common/signing/retirement';
import { SigningService } from '../signing/signing-service';
import { WorkflowError, refuse } from './workflow-error';

export interface ActionResult {
  ref: VersionRef;
  /** Set when agents were sent something: the caller pokes them after commit. */
  latestSeq: number | null;
}

export interface OwnerChange {
  owner?: string | undefined;
  verificationIntervalDays?: number | undefined;
  sourceLocale?: boolean | undefined;
}

export class ReviewService {
  private readonly signing: SigningService;

  constructor(
    private readonly db: ServerDb,
    private readonly repo: KnowledgeRepo,
    private readonly now: () => Date,
  ) {
    this.signing = new SigningService(db, now);
  }

  /** Each entry becomes a new version in review by `actor`; with `approve` (admins) it goes live at once. */
  async submit(entries: readonly SubmittedEntry[], actor: Actor, approve: boolean): Promise<{ result: SubmitResult; latestSeq: number | null }> {
    refuse(roleRefusal(approve ? 'bulk_approve' : 'submit', actor));
    return this.run(actor, async (tx) => {
      const versions = await submitBatch(tx, entries, actor, approve);
      return { versions, approved: approve };
    }).then(({ value, latestSeq, sent }) => {
      const submitted = new Set(value.versions.map((v) => key(v.id, v.locale)));
      const published = sent.filter((s) => submitted.has(key(s.id, s.locale)));
      return { result: { ...value, published, latestSeq: latestSeq ?? 0 }, latestSeq };
    });
  }

  /** A draft goes into review (the Library's "Submit for review", also after a send-back). */
  submitDraft(id: string, locale: string, actor: Actor, version?: number): Promise<ActionResult> {
    return this.transition('submit', id, locale, actor, version, async (tx, row) => {
      await tx.setState(row, 'in_review');
      await tx.event(row, 'submitted');
    });
  }

  /** With `signature` (issue #15) the approver's signature is stored; a sensitive template goes live at its second. */
  approve(id: string, locale: string, actor: Actor, version?: number, signature?: ApprovalSignature): Promise<ActionResult> {
    return this.transition('approve', id, locale, actor, version, async (tx, row) => {
      const gate = await this.signing.approvalGate(tx.manager, row, signature, actor.name);
      if (gate.live) await tx.goLive(row, actor.name, false);
      else await tx.event(row, 'signed', gate.note);
    });
  }

  reject(id: string, locale: string, actor: Actor, comment: string, version?: number): Promise<ActionResult> {
    return this.transition('reject', id, locale, actor, version, async (tx, row) => {
      await tx.setState(row, 'draft', { reviewComment: comment });
      await tx.event(row, 'rejected', comment);
    });
  }

  /** The live version is retired: agents receive a `remove`; other locales' stale marks follow. */
  async retire(id: string, locale: string, actor: Actor, signature?: RetirementSignature): Promise<{ retired: WrittenChange; latestSeq: number }> {
    const removal: { retired?: WrittenChange; latestSeq?: number } = {};
    const result = await this.transition('retire', id, locale, actor, undefined, async (tx, row) => {
      // A signed retirement (issue #15) names the live version it retires, by a registered key.
      if (signature) await this.signing.checkRetirement(tx.manager, row, signature);
      await tx.setState(row, 'retired');
      await tx.event(row, 'retired');
      Object.assign(removal, await this.repo.retireIn(tx.manager, id, locale, actor.name, tx.at, signature));
      tx.touch(id);
    });
    return { retired: removal.retired as WrittenChange, latestSeq: result.latestSeq ?? (removal.latestSeq as number) };
  }

  /**
   * Signs a retirement made without a signature (issue #15 leftovers): `signature` names the version
   * that was retired, by a registered key; agents that kept the entry under a pinned root key drop it.
   */
  async signRetirement(id: string, locale: string, actor: Actor, signature: RetirementSignature): Promise<{ signed: WrittenChange; latestSeq: number }> {
    refuse(roleRefusal('retire', actor));
    const { value } = await this.run(actor, async (tx) => {
      const row = await tx.inState(id, locale, ['retired']);
      const removal = row && (await this.repo.removalOf(tx.manager, id, locale));
      if (!row || !removal) throw new WorkflowError(404, 'not_found', `"${id}" (${locale}) is not retired`);
      if (removal.signed) throw new WorkflowError(409, 'conflict', `the retirement of "${id}" (${locale}) is signed already`);
      if (signature.version !== row.version) {
        throw new WorkflowError(409, 'conflict', `version ${row.version} was retired; the signature names version ${signature.version}`, { currentVersion: row.version });
      }
      await this.signing.checkSigner(tx.manager, { keyId: signature.keyId, approvedAt: signature.retiredAt, signature: signature.signature });
      await tx.event(row, 'signed', `retirement of version ${row.version} signed`);
      return this.repo.signRetirementIn(tx.manager, removal, { id, locale }, signature, actor.name, tx.at);
    });
    return value;
  }

  /** A new version in review with the content of an earlier one of the same (id, locale). */
  async rollback(id: string, locale: string, actor: Actor, to: number): Promise<ActionResult> {
    refuse(roleRefusal('rollback', actor));
    return this.action(actor, async (tx) => {
      const target = await tx.version(id, locale, to);
      const decision = decideRollback(actor, { id, locale }, target ? { number: target.version, state: state(target) } : undefined, to);
      if (!decision.ok) throw WorkflowError.of(decision.refusal);
      const row = await this.newVersion(tx, id, locale, await tx.nextVersion(id, locale), versionContentOf(target as VersionRow), to);
      await tx.event(row, 'rolled_back', `content of version ${to}`);
      return row;
    });
  }

  async verify(id: string, locale: string, actor: Actor): Promise<ActionResult> {
    refuse(roleRefusal('verify', actor));
    return this.action(actor, async (tx) => {
      const row = (await tx.inState(id, locale, ['approved'])) ?? (await tx.latest(id, locale));
      const decision = decideVerify(actor, { id, locale }, row ? { number: row.version, state: state(row) } : undefined);
      if (!decision.ok) throw WorkflowError.of(decision.refusal);
      await tx.updateMeta(id, locale, { lastVerifiedAt: tx.at, lastVerifiedBy: actor.name });
      await tx.event(row as VersionRow, 'verified');
      return row as VersionRow;
    });
  }

  async confirmTranslation(id: string, locale: string, actor: Actor): Promise<ActionResult> {
    refuse(roleRefusal('confirm_translation', actor));
    return this.action(actor, async (tx) => {
      const row = (await tx.inState(id, locale, ['approved'])) ?? (await tx.latest(id, locale));
      const meta = await tx.meta(id, locale);
      const source = await tx.sourceLocale(id);
      const sourceLive = source === null ? null : await tx.inState(id, source, ['approved']);
      const stale =
        source !== null &&
        isTranslationStale({ locale, confirmedSourceVersion: meta?.confirmedSourceVersion ?? null }, { locale: source, liveVersion: sourceLive?.version ?? null });
      const live = row ? { number: row.version, state: state(row) } : undefined;
      const decision = decideConfirmTranslation(actor, { id, locale }, live, { isSource: source === locale, stale });
      if (!decision.ok) throw WorkflowError.of(decision.refusal);
      await tx.updateMeta(id, locale, { confirmedSourceVersion: sourceLive?.version ?? null });
      await tx.event(row as VersionRow, 'translation_confirmed', `still matches ${source} version ${sourceLive?.version}`);
      return row as VersionRow;
    });
  }

  async setOwner(id: string, locale: string, actor: Actor, change: OwnerChange): Promise<ActionResult> {
    refuse(roleRefusal('set_owner', actor));
    return this.action(actor, async (tx) => {
      const row = await tx.latest(id, locale);
      if (!row) throw new WorkflowError(404, 'not_found', `no entry "${id}" in locale "${locale}"`);
      const said: string[] = [];
      if (change.owner !== undefined) said.push(`owner ${change.owner}`);
      if (change.verificationIntervalDays !== undefined) said.push(`verification every ${change.verificationIntervalDays} days`);
      await tx.updateMeta(id, locale, {
        ...(change.owner !== undefined ? { owner: change.owner } : {}),
        ...(change.verificationIntervalDays !== undefined ? { verificationIntervalDays: change.verificationIntervalDays } : {}),
      });
      if (change.sourceLocale) {
        said.push('the source locale');
        await tx.setSource(id, locale);
      }
      await tx.event(row, 'owner_changed', said.join(', ') || null);
      return row;
    });
  }

  private transition(
    action: VersionAction,
    id: string,
    locale: string,
    actor: Actor,
    version: number | undefined,
    apply: (tx: ReviewTx, row: VersionRow) => Promise<void>,
  ): Promise<ActionResult> {
    refuse(roleRefusal(action, actor));
    return this.action(actor, async (tx) => {
      const row =
        version !== undefined
          ? await tx.version(id, locale, version)
          : ((await tx.inState(id, locale, action === 'retire' ? ['approved'] : ['draft', 'in_review'])) ?? (await tx.latest(id, locale)));
      if (!row) {
        throw new WorkflowError(404, 'not_found', version !== undefined ? `"${id}" (${locale}) has no version ${version}` : `no entry "${id}" in locale "${locale}"`);
      }
      refuse(this.decide(action, actor, row));
      await apply(tx, row);
      return row;
    });
  }

  private decide(action: VersionAction, actor: Actor, row: VersionRow) {
    const decision = decideTransition(action, actor, { state: state(row), author: row.author, number: row.version });
    return decision.ok ? null : decision.refusal;
  }

  private async newVersion(tx: ReviewTx, id: string, locale: string, number: number, content: Content, rollbackOf: number | null): Promise<VersionRow> {
    const open = await tx.inState(id, locale, ['draft', 'in_review']);
    if (open) {
      await tx.setState(open, 'superseded');
      await tx.event(open, 'superseded', `replaced by version ${number}`);
    }
    const row: VersionRow = {
      id,
      locale,
      version: number,
      kind: content.kind,
      title: content.title,
      body: content.body,
      tags: JSON.stringify(content.tags ?? []),
      urlOrPath: content.urlOrPath ?? null,
      state: 'in_review',
      author: tx.actorName,
      createdAt: tx.at,
      basedOn: number - 1 > 0 ? number - 1 : null,
      rollbackOf,
      approvedBy: null,
      approvedAt: null,
      bulk: 0,
      reviewComment: null,
      revision: 0,
    };
    await tx.insertVersion(row);
    return row;
  }

  private async action(actor: Actor, work: (tx: ReviewTx) => Promise<VersionRow>): Promise<ActionResult> {
    const { value, latestSeq } = await this.run(actor, work);
    return { ref: ref(value), latestSeq };
  }

  private async run<T>(actor: Actor, work: (tx: ReviewTx) => Promise<T>): Promise<{ value: T; latestSeq: number | null; sent: WrittenChange[] }> {
    const at = this.now().toISOString();
    return this.db.transaction(async (manager) => {
      await this.repo.lockWriters(manager);
      const tx = new ReviewTx(manager, this.repo, at, actor.name);
      const value = await work(tx);
      return { value, ...(await tx.finish()) };
    });
  }
}

interface Content {
  kind: string;
  title: string;
  body: string;
  tags?: string[] | undefined;
  urlOrPath?: string | null | undefined;
}


function state(row: VersionRow): VersionRef['state'] {
  return row.state as VersionRef['state'];
}

function ref(row: VersionRow): VersionRef {
  return { id: row.id, locale: row.locale, version: row.version, state: state(row) };
}
