/**
 * The organisation's synonym rules on the server. A submitted rule waits in review; another lead
 * (or an admin) approves it (the entries' four-eyes rule, common/workflow.ts: its author cannot),
 * and only approved rules reach agents. Every approval or retirement bumps the set's version,
 * which agents compare at each sync, and is announced to every instance's event streams
 * (`synonyms` event) so agents fetch it at once. Rules are checked by common/synonyms/synonym-rules.ts,
 * together with the live ones of their locale (a submission may not close a cycle with them).
 * An approval may carry the approver's signature of the rule (common/signing/synonym-approval.ts);
 * agents with a pinned org root key apply only signed rules. An edit is a new rule that `replaces`
 * a live one: it goes through review like any rule and retires the old one when approved.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ApprovalSignature } from '../../common/signing/approval';
import { decideTransition, roleRefusal, type Actor } from '../../common/workflow';
import { ruleSetProblems, type SynonymRule } from '../../common/synonyms/synonym-rules';
import type { LiveSynonyms, StoredSynonymRule, SynonymState } from '../../common/synonyms/synonym-protocol';
import type { PokeHub } from '../pokes';
import type { SigningService } from '../signing/signing-service';
import { rawRows } from '../db/raw-sql';
import type { ServerDb } from '../db/server-db';
import { ApiError } from '../errors';
import { WorkflowError, refuse } from '../review/workflow-error';

interface RuleRow {
  rule_id: string;
  locale: string;
  terms: string;
  one_way_to: string | null;
  state: SynonymState;
  author: string;
  created_at: string;
  decided_by: string | null;
  seq: number | string;
  signatures: string | null;
  replaces: string | null;
}

const COLUMNS = 'rule_id, locale, terms, one_way_to, state, author, created_at, decided_by, seq, signatures, replaces';

type Decision = { rule: StoredSynonymRule; version: number };

function stored(row: RuleRow): StoredSynonymRule {
  return {
    ruleId: row.rule_id,
    locale: row.locale,
    terms: JSON.parse(row.terms) as string[],
    oneWayTo: row.one_way_to,
    state: row.state,
    author: row.author,
    createdAt: row.created_at,
    decidedBy: row.decided_by,
    replaces: row.replaces,
    signatures: row.signatures === null ? [] : (JSON.parse(row.signatures) as ApprovalSignature[]),
  };
}

export interface SynonymServiceDeps {
  db: ServerDb;
  now: () => Date;
  /** Checks an approval's signature (registered key, approval time near the server's clock). */
  signing: Pick<SigningService, 'checkSigner'>;
  /** Tells every instance's event streams of a new set version. */
  pokes: Pick<PokeHub, 'synonymsInTransaction' | 'synonymsAfterCommit'>;
}

export class SynonymService {
  private readonly db: ServerDb;
  private readonly now: () => Date;

  constructor(private readonly deps: SynonymServiceDeps) {
    this.db = deps.db;
    this.now = deps.now;
  }

  /**
   * New rules, each in review. Refused whole (400, with the rule's index) when any is wrong.
   * `replaces`: an edit of that live rule (checked for cycles without it).
   */
  async submit(rules: readonly SynonymRule[], actor: Actor, replaces?: string): Promise<StoredSynonymRule[]> {
    refuse(roleRefusal('submit', actor));
    const at = this.now().toISOString();
    return this.db.transaction(async (m) => {
      if (replaces !== undefined) {
        const [old] = await this.rows(m, 'rule_id = :replaces', { replaces });
        if (!old) throw new WorkflowError(404, 'not_found', `no synonym rule ${replaces}`);
        if (old.state !== 'approved') throw new WorkflowError(409, 'invalid_transition', `the synonym rule is ${old.state.replace('_', ' ')}; only a live rule can be edited`);
      }
      const live = (await this.rows(m, `state = 'approved'`)).map(stored).filter((r) => r.ruleId !== replaces);
      const problems = ruleSetProblems([...live, ...rules]).filter((p) => p.index >= live.length);
      const first = problems[0];
      if (first) throw new ApiError(400, 'bad_request', `rules.${first.index - live.length}: ${first.message}`);
      const out: StoredSynonymRule[] = [];
      for (const rule of rules) {
        const ruleId = randomUUID();
        await rawRows(
          m,
          `INSERT INTO synonym_rules (rule_id, locale, terms, one_way_to, state, author, created_at, decided_by, decided_at, comment, seq, signatures, replaces)
           VALUES (:ruleId, :locale, :terms, :oneWayTo, 'in_review', :author, :at, NULL, NULL, NULL, 0, NULL, :replaces)`,
          { ruleId, locale: rule.locale, terms: JSON.stringify(rule.terms), oneWayTo: rule.oneWayTo, author: actor.name, at, replaces: replaces ?? null },
        );
        out.push({ ...rule, ruleId, state: 'in_review', author: actor.name, createdAt: at, decidedBy: null, replaces: replaces ?? null, signatures: [] });
      }
      return out;
    });
  }

  /** Rules in one state (leads' review list), oldest first. */
  async list(state: SynonymState): Promise<StoredSynonymRule[]> {
    return this.db.read(async (m) => (await this.rows(m, 'state = :state', { state })).map(stored));
  }

  /** Another lead's approval, with their signature of the rule when they approve with a key. */
  approve(ruleId: string, actor: Actor, signature?: ApprovalSignature): Promise<Decision> {
    return this.decide(ruleId, actor, 'approved', async (m, row) => {
      const decision = decideTransition('approve', actor, { state: row.state === 'in_review' ? 'in_review' : 'approved', author: row.author, number: 1 });
      if (!decision.ok) {
        const message = decision.refusal.code === 'four_eyes' ? `"${actor.name}" wrote this synonym rule; another lead must approve it (four eyes)` : decision.refusal.message;
        throw new WorkflowError(decision.refusal.status, decision.refusal.code, message);
      }
      if (signature) await this.deps.signing.checkSigner(m, signature);
      return signature ? [signature] : null;
    });
  }

  reject(ruleId: string, actor: Actor): Promise<Decision> {
    return this.decide(ruleId, actor, 'rejected', () => refuse(roleRefusal('reject', actor)));
  }

  retire(ruleId: string, actor: Actor): Promise<Decision> {
    return this.decide(ruleId, actor, 'retired', () => refuse(roleRefusal('retire', actor)));
  }

  /** The live set for agents; `rules: null` when `since` is already its version. */
  async live(since: number | undefined): Promise<LiveSynonyms> {
    return this.db.read(async (m) => {
      const version = await this.version(m);
      if (since === version) return { version, rules: null };
      const rules = (await this.rows(m, `state = 'approved'`)).map((row) => {
        const { ruleId, locale, terms, oneWayTo, signatures } = stored(row);
        return { ruleId, locale, terms, oneWayTo, signatures };
      });
      return { version, rules };
    });
  }

  /** `check` refuses (throws) or answers the signatures to keep with the decision (null: none). */
  private async decide(
    ruleId: string,
    actor: Actor,
    to: Exclude<SynonymState, 'in_review'>,
    check: (m: EntityManager, row: RuleRow) => Promise<ApprovalSignature[] | null> | void,
  ): Promise<Decision> {
    const at = this.now().toISOString();
    const decision = await this.db.transaction(async (m): Promise<Decision> => {
      const [row] = await this.rows(m, 'rule_id = :ruleId', { ruleId });
      if (!row) throw new WorkflowError(404, 'not_found', `no synonym rule ${ruleId}`);
      const from: SynonymState = to === 'retired' ? 'approved' : 'in_review';
      if (row.state !== from) {
        throw new WorkflowError(409, 'invalid_transition', `the synonym rule is ${row.state.replace('_', ' ')}; this needs ${from.replace('_', ' ')}`);
      }
      const signatures = (await check(m, row)) ?? null;
      // Approving or retiring changes what agents hold: the set gets the next version.
      const seq = to === 'rejected' ? Number(row.seq) : (await this.version(m)) + 1;
      await rawRows(m, `UPDATE synonym_rules SET state = :to, decided_by = :actor, decided_at = :at, seq = :seq, signatures = :signatures WHERE rule_id = :ruleId`, {
        to,
        actor: actor.name,
        at,
        seq,
        signatures: signatures === null ? null : JSON.stringify(signatures),
        ruleId,
      });
      // An approved edit takes the place of the rule it replaces (same version: one change for agents).
      if (to === 'approved' && row.replaces !== null) {
        await rawRows(m, `UPDATE synonym_rules SET state = 'retired', decided_by = :actor, decided_at = :at, seq = :seq WHERE rule_id = :old AND state = 'approved'`, {
          actor: actor.name,
          at,
          seq,
          old: row.replaces,
        });
      }
      const version = await this.version(m);
      if (to !== 'rejected') await this.deps.pokes.synonymsInTransaction(m, version);
      return { rule: { ...stored(row), state: to, decidedBy: actor.name, signatures: signatures ?? [] }, version };
    });
    if (to !== 'rejected') this.deps.pokes.synonymsAfterCommit(decision.version);
    return decision;
  }

  private async version(m: EntityManager): Promise<number> {
    const [row] = await rawRows<{ v: number | string | null }>(m, 'SELECT MAX(seq) AS v FROM synonym_rules');
    return Number(row?.v ?? 0);
  }

  private rows(m: EntityManager, where: string, parameters: Record<string, unknown> = {}): Promise<RuleRow[]> {
    return rawRows<RuleRow>(m, `SELECT ${COLUMNS} FROM synonym_rules WHERE ${where} ORDER BY created_at, rule_id`, parameters);
  }
}
