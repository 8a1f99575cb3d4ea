/**
 * Retired entries whose retirement carries no signature although the version it retired carries an
 * approval signature (issue #15 leftovers): an agent pinning the org root key held that version and
 * keeps it, even through a sync from scratch, until a lead signs the retirement. A retired version
 * nobody signed is left out: such an agent refused it as unsigned and never held it.
 */
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import type { UnsignedRetirement, UnsignedRetirements } from '../../common/signing/retirement-protocol';
import type { ServerDb } from '../db/server-db';
import { ReviewEntities, type VersionRow } from '../review/review-entities';
import { CHUNK, key } from '../review/review-tx';
import { signaturesOf, versionKey } from './signing-service';

export async function unsignedRetirements(m: EntityManager, db: ServerDb, limit: number): Promise<UnsignedRetirements> {
  const retired = await m.getRepository(db.entities.Entry).find({
    select: { id: true, locale: true, lastSeq: true, retiredAt: true },
    where: { retiredAt: Not(IsNull()) },
    order: { retiredAt: 'ASC', id: 'ASC', locale: 'ASC' },
  });
  const items: UnsignedRetirement[] = [];
  for (let i = 0; i < retired.length; i += CHUNK) {
    const chunk = retired.slice(i, i + CHUNK);
    const removals = await m.getRepository(db.entities.ChangeLog).find({
      select: { seq: true, item: true, actor: true, at: true },
      where: { seq: In(chunk.map((r) => r.lastSeq)), op: 'remove' },
    });
    const unsigned = new Map(
      removals.filter((r) => (JSON.parse(r.item) as { retirement?: unknown }).retirement === undefined).map((r) => [Number(r.seq), r]),
    );
    const candidates = chunk.filter((r) => unsigned.has(Number(r.lastSeq)));
    if (candidates.length === 0) continue;
    const versions = await m.getRepository(ReviewEntities.Version).find({ where: { id: In([...new Set(candidates.map((r) => r.id))]), state: 'retired' } });
    const lastRetired = new Map<string, VersionRow>();
    for (const v of versions) {
      const held = lastRetired.get(key(v.id, v.locale));
      if (!held || v.version > held.version) lastRetired.set(key(v.id, v.locale), v);
    }
    const signatures = await signaturesOf(m, [...lastRetired.values()]);
    for (const entry of candidates) {
      const version = lastRetired.get(key(entry.id, entry.locale));
      const removal = unsigned.get(Number(entry.lastSeq));
      if (!version || !removal || !signatures.has(versionKey(version))) continue;
      if (items.length === limit) return { items, more: true };
      items.push({ id: entry.id, locale: entry.locale, title: version.title, version: version.version, retiredAt: removal.at, retiredBy: removal.actor });
    }
  }
  return { items, more: false };
}
