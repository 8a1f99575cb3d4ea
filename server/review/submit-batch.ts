/**
 * Submitting a batch of versions (publish), in a few statements per chunk of entries rather than
 * several per entry: an admin's bulk import of a whole knowledge base goes through here. Each
 * entry becomes version n+1 in review (or approved at once, in bulk, by an admin); an open version
 * it replaces and, on approval, the live version it replaces become superseded.
 */
import { In } from 'typeorm';
import type { SubmittedEntry, VersionRef } from '../../common/review-protocol';
import { decideTransition, type Actor } from '../../common/workflow';
import { ReviewEntities, type EventRow, type MetaRow, type VersionRow } from './review-entities';
import { CHUNK, key, newMeta, type ReviewTx } from './review-tx';
import { WorkflowError } from './workflow-error';
import { SigningEntities, type SignatureRow } from '../signing/signing-entities';

interface Known {
  next: Map<string, number>;
  open: Map<string, VersionRow>;
  live: Map<string, VersionRow>;
  metas: Map<string, MetaRow>;
  sources: Map<string, string>;
}

export async function submitBatch(tx: ReviewTx, entries: readonly SubmittedEntry[], actor: Actor, approve: boolean): Promise<VersionRef[]> {
  const known = await load(tx, [...new Set(entries.map((e) => e.id))]);
  const superseded: VersionRow[] = [];
  const rows: VersionRow[] = [];
  const events: EventRow[] = [];
  const newMetas: MetaRow[] = [];
  const newSources: Array<{ id: string; sourceLocale: string }> = [];
  const signatures: SignatureRow[] = [];
  const inPlace: VersionRow[] = [];
  const refs: VersionRef[] = [];
  for (const e of entries) {
    const k = key(e.id, e.locale);
    const number = known.next.get(k) ?? 1;
    if (e.signature && !approve) throw new WorkflowError(400, 'bad_request', `"${e.id}" (${e.locale}): a signature comes with an approval (approve --key), not with a submission`);
    if (e.signature) signatures.push({ id: e.id, locale: e.locale, version: number, ...e.signature, signer: actor.name });
    if (e.baseVersion !== undefined && e.baseVersion !== number - 1) {
      throw new WorkflowError(409, 'stale_base', `"${e.id}" (${e.locale}) was edited from version ${e.baseVersion}, but the current version is ${number - 1}; nothing was saved`, {
        currentVersion: number - 1,
      });
    }
    const open = known.open.get(k);
    if (e.baseRevision !== undefined && open?.state === 'draft' && open.version === e.baseVersion && open.revision !== e.baseRevision) {
      throw new WorkflowError(409, 'stale_base', `"${e.id}" (${e.locale}): draft version ${open.version} was saved again since it was opened (revision ${open.revision}, edited from ${e.baseRevision}); nothing was saved`, {
        currentVersion: open.version,
      });
    }
    if (open && savesInPlace(e, open, actor, approve)) {
      // Ctrl+S on one's own draft: the same version, one revision on; no new version per save.
      Object.assign(open, { kind: e.kind, title: e.title, body: e.body, tags: JSON.stringify(e.tags), urlOrPath: e.urlOrPath, revision: open.revision + 1 });
      inPlace.push(open);
      events.push(tx.eventRow(open, 'draft_saved', `saved again (revision ${open.revision})`));
      refs.push({ id: open.id, locale: open.locale, version: open.version, state: 'draft' });
      tx.touch(e.id);
      continue;
    }
    const replaced = [open, approve ? known.live.get(k) : undefined].filter((r): r is VersionRow => r !== undefined);
    for (const old of replaced) {
      superseded.push(old);
      events.push(tx.eventRow({ ...old, state: 'superseded' }, 'superseded', `replaced by version ${number}`));
    }
    const row: VersionRow = {
      id: e.id,
      locale: e.locale,
      version: number,
      kind: e.kind,
      title: e.title,
      body: e.body,
      tags: JSON.stringify(e.tags),
      urlOrPath: e.urlOrPath,
      state: e.draft && !approve ? 'draft' : 'in_review',
      author: actor.name,
      createdAt: tx.at,
      basedOn: number > 1 ? number - 1 : null,
      rollbackOf: null,
      approvedBy: null,
      approvedAt: null,
      bulk: 0,
      reviewComment: null,
      revision: 0,
    };
    events.push(tx.eventRow(row, row.state === 'draft' ? 'draft_saved' : 'submitted'));
    if (approve) {
      const decision = decideTransition('bulk_approve', actor, { state: 'in_review', author: row.author, number });
      if (!decision.ok) throw WorkflowError.of(decision.refusal);
      Object.assign(row, { state: decision.value, approvedBy: actor.name, approvedAt: tx.at, bulk: 1 });
      events.push(tx.eventRow(row, 'bulk_approved', 'approved in bulk by an admin (migration)'));
      known.live.set(k, row);
    }
    rows.push(row);
    refs.push({ id: row.id, locale: row.locale, version: row.version, state: row.state as VersionRef['state'] });
    if (!known.metas.has(k)) {
      const meta = newMeta(row, tx.at);
      known.metas.set(k, meta);
      newMetas.push(meta);
    }
    if (!known.sources.has(e.id)) {
      known.sources.set(e.id, e.locale);
      newSources.push({ id: e.id, sourceLocale: e.locale });
    }
    tx.touch(e.id, approve ? e.locale : undefined);
  }
  // An approved translation counts as checked against its source's live version after this batch.
  const confirmed: MetaRow[] = [];
  for (const row of approve ? rows : []) {
    const source = known.sources.get(row.id) as string;
    if (source === row.locale) continue;
    const meta = known.metas.get(key(row.id, row.locale)) as MetaRow;
    meta.confirmedSourceVersion = known.live.get(key(row.id, source))?.version ?? null;
    if (!newMetas.includes(meta)) confirmed.push(meta);
  }

  const versions = tx.manager.getRepository(ReviewEntities.Version);
  for (const old of superseded) await versions.update({ id: old.id, locale: old.locale, version: old.version }, { state: 'superseded' });
  for (const d of inPlace) {
    await versions.update({ id: d.id, locale: d.locale, version: d.version }, { kind: d.kind, title: d.title, body: d.body, tags: d.tags, urlOrPath: d.urlOrPath, revision: d.revision });
  }
  await tx.insertAll(ReviewEntities.Version, rows);
  await tx.insertAll(ReviewEntities.Event, events);
  await tx.insertAll(ReviewEntities.Meta, newMetas);
  await tx.insertAll(ReviewEntities.Source, newSources);
  await tx.insertAll(SigningEntities.Signature, signatures);
  for (let i = 0; i < confirmed.length; i += CHUNK) await tx.manager.getRepository(ReviewEntities.Meta).upsert(confirmed.slice(i, i + CHUNK), ['id', 'locale']);
  return refs;
}

/**
 * A save of a draft its author opened (base = that draft, at the revision they read) that was never
 * in review (a sent-back version keeps what the reviewer read): updated in place. Everything else
 * — another lead's draft, a version in review, a save without a revision — is a new version.
 */
function savesInPlace(e: SubmittedEntry, open: VersionRow, actor: Actor, approve: boolean): boolean {
  return (
    e.draft === true && !approve && e.baseRevision !== undefined && open.state === 'draft' && open.version === e.baseVersion &&
    open.author === actor.name && open.reviewComment === null
  );
}

async function load(tx: ReviewTx, ids: readonly string[]): Promise<Known> {
  const known: Known = { next: new Map(), open: new Map(), live: new Map(), metas: new Map(), sources: new Map() };
  const m = tx.manager;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const maxima = (await m
      .getRepository(ReviewEntities.Version)
      .createQueryBuilder('v')
      .select(['v.id AS id', 'v.locale AS locale', 'MAX(v.version) AS version'])
      .where({ id: In(chunk) })
      .groupBy('v.id')
      .addGroupBy('v.locale')
      .getRawMany()) as Array<{ id: string; locale: string; version: number | string }>;
    for (const r of maxima) known.next.set(key(r.id, r.locale), Number(r.version) + 1);
    // A retirement takes a version number of its own (KnowledgeRepo.retireIn).
    const retired = await m.getRepository(tx.entities.Entry).find({ select: { id: true, locale: true, version: true }, where: { id: In(chunk) } });
    for (const r of retired) known.next.set(key(r.id, r.locale), Math.max(known.next.get(key(r.id, r.locale)) ?? 1, Number(r.version) + 1));
    const current = await m.getRepository(ReviewEntities.Version).findBy({ id: In(chunk), state: In(['draft', 'in_review', 'approved']) });
    for (const r of current) (r.state === 'approved' ? known.live : known.open).set(key(r.id, r.locale), r);
    for (const meta of await m.getRepository(ReviewEntities.Meta).findBy({ id: In(chunk) })) known.metas.set(key(meta.id, meta.locale), meta);
    for (const s of await m.getRepository(ReviewEntities.Source).findBy({ id: In(chunk) })) known.sources.set(s.id, s.sourceLocale);
  }
  return known;
}
