/**
 * Agents' flags: an agent says the live version of an entry is outdated or wrong; the flag reaches
 * the owner's queue and the entry's history; a lead resolves it (fixed or dismissed), recorded
 * with who and how. A resent flag (same clientId, after a lost answer) is kept once.
 *
 * Every transaction that writes history events takes the writers' lock first (as the review
 * workflow does): on PostgreSQL event ids come from a sequence, and without the lock a flag could
 * take id 11 and commit while a review transaction still holds id 10 — the Library's live refresh
 * (`GET /v1/library/changes`, a cursor over event ids) would then move past 10 and never see it.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { FlagRequest } from '../../common/review-protocol';
import { roleRefusal, type Actor } from '../../common/workflow';
import type { KnowledgeRepo } from '../db/knowledge-repo';
import type { ServerDb } from '../db/server-db';
import { oncePerKey, type KeyedAnswer } from '../db/once-per-key';
import { ReviewEntities } from './review-entities';
import { WorkflowError, refuse } from './workflow-error';

export class FlagService {
  constructor(
    private readonly db: ServerDb,
    private readonly repo: KnowledgeRepo,
    private readonly now: () => Date,
  ) {}

  async raise(request: FlagRequest, actor: Actor): Promise<KeyedAnswer<{ flagId: string }>> {
    refuse(roleRefusal('flag', actor));
    const at = this.now().toISOString();
    const earlier = async (m: EntityManager) => {
      await this.repo.lockWriters(m);
      const flag = await m.getRepository(ReviewEntities.Flag).findOneBy({ clientId: request.clientId });
      return flag && { flagId: flag.flagId };
    };
    return oncePerKey(this.db, earlier, async (m) => {
      const flags = m.getRepository(ReviewEntities.Flag);
      const live = await m.getRepository(ReviewEntities.Version).findOneBy({ id: request.id, locale: request.locale, state: 'approved' });
      if (!live) throw new WorkflowError(404, 'not_found', `no live entry "${request.id}" in locale "${request.locale}" to flag`);
      const flagId = randomUUID();
      await flags.insert({
        flagId,
        clientId: request.clientId,
        id: request.id,
        locale: request.locale,
        version: request.version,
        reason: request.reason,
        comment: request.comment,
        raisedBy: actor.name,
        raisedAt: at,
        resolvedBy: null,
        resolvedAt: null,
        resolution: null,
        resolutionComment: null,
      });
      await m.getRepository(ReviewEntities.Event).insert({
        id: request.id,
        locale: request.locale,
        version: live.version,
        event: 'flagged',
        state: live.state,
        actor: actor.name,
        at,
        comment: `${request.reason} (on version ${request.version}): ${request.comment}`,
      });
      return { flagId };
    });
  }

  async resolve(flagId: string, resolution: 'fixed' | 'dismissed', comment: string | undefined, actor: Actor): Promise<{ flagId: string; resolution: string }> {
    refuse(roleRefusal('resolve_flag', actor));
    const at = this.now().toISOString();
    return this.db.transaction(async (m) => {
      await this.repo.lockWriters(m);
      const flags = m.getRepository(ReviewEntities.Flag);
      const flag = await flags.findOneBy({ flagId });
      if (!flag) throw new WorkflowError(404, 'not_found', `no flag "${flagId}"`);
      if (flag.resolvedAt !== null) {
        throw new WorkflowError(409, 'conflict', `flag "${flagId}" was already resolved (${flag.resolution}) by ${flag.resolvedBy}`);
      }
      await flags.update({ flagId }, { resolvedBy: actor.name, resolvedAt: at, resolution, resolutionComment: comment ?? null });
      const latest = await m.getRepository(ReviewEntities.Version).findOne({ where: { id: flag.id, locale: flag.locale }, order: { version: 'DESC' } });
      await m.getRepository(ReviewEntities.Event).insert({
        id: flag.id,
        locale: flag.locale,
        version: latest?.version ?? flag.version,
        event: 'flag_resolved',
        state: latest?.state ?? 'approved',
        actor: actor.name,
        at,
        comment: `${resolution}${comment ? `: ${comment}` : ''}`,
      });
      return { flagId, resolution };
    });
  }
}
