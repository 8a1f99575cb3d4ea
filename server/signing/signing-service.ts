/**
 * The server's side of signed knowledge: it keeps registered approver keys, the signed org key
 * lists and approvers' signatures, and relays them. It holds no private key and cannot make a
 * signature or a key list clients would accept; what it checks here (formats, increasing list
 * versions, two signers for sensitive templates) is for the leads' sake, not the agents'.
 */
import { In, type EntityManager } from 'typeorm';
import type { ApprovalSignature } from '../../common/signing/approval';
import type { RetirementSignature } from '../../common/signing/retirement';
import { SignedKeyListSchema, type SignedKeyList } from '../../common/signing/key-list';
import { KEY_NOT_REGISTERED_CODE, type RegisteredKey } from '../../common/signing/signing-protocol';
import { approversNeeded } from '../../common/signing/verify-entry';
import type { ServerDb } from '../db/server-db';
import type { PokeHub } from '../pokes';
import type { VersionRow } from '../review/review-entities';
import { WorkflowError } from '../review/workflow-error';
import { SigningEntities, type SignatureRow } from './signing-entities';

/** How far a signature's approval time may be from the server's clock. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export class SigningService {
  constructor(
    private readonly db: ServerDb,
    private readonly now: () => Date,
    /** Tells agents of a new key list (the `key-list` event); absent where no list is uploaded. */
    private readonly pokes?: Pick<PokeHub, 'keyListInTransaction' | 'keyListAfterCommit'>,
  ) {}

  async register(name: string, publicKey: string, by: string): Promise<RegisteredKey> {
    return this.db.transaction(async (m) => {
      const keys = m.getRepository(SigningEntities.ApproverKey);
      const byName = await keys.findOneBy({ name });
      if (byName && byName.publicKey === publicKey) return byName;
      if (byName) throw new WorkflowError(409, 'conflict', `a key named "${name}" is registered already (another key); pick another name`);
      if (await keys.existsBy({ publicKey })) throw new WorkflowError(409, 'conflict', 'this public key is registered already under another name');
      const row = { name, publicKey, registeredBy: by, registeredAt: this.now().toISOString() };
      await keys.insert(row);
      return row;
    });
  }

  registered(): Promise<RegisteredKey[]> {
    return this.db.read((m) => m.getRepository(SigningEntities.ApproverKey).find({ order: { name: 'ASC' } }));
  }

  /** The latest uploaded list as uploaded, or null. */
  async currentList(manager?: EntityManager): Promise<SignedKeyList | null> {
    const read = async (m: EntityManager) => {
      const [row] = await m.getRepository(SigningEntities.KeyList).find({ order: { version: 'DESC' }, take: 1 });
      return row ? SignedKeyListSchema.parse(JSON.parse(row.document)) : null;
    };
    return manager ? read(manager) : this.db.read(read);
  }

  /** The latest uploaded list's version, 0 before the first. */
  async listVersion(): Promise<number> {
    const [row] = await this.db.read((m) => m.getRepository(SigningEntities.KeyList).find({ select: { version: true }, order: { version: 'DESC' }, take: 1 }));
    return row?.version ?? 0;
  }

  /** Stores a signed list whose version is above every earlier one (the root signature is the clients' to check). */
  async upload(document: SignedKeyList, by: string): Promise<{ version: number }> {
    const uploaded = await this.db.transaction(async (m) => {
      const current = await this.currentList(m);
      if (current && document.list.version <= current.list.version) {
        throw new WorkflowError(409, 'conflict', `the server holds key list version ${current.list.version}; a new list needs a higher version`);
      }
      await m.getRepository(SigningEntities.KeyList).insert({
        version: document.list.version,
        document: JSON.stringify(document),
        uploadedBy: by,
        uploadedAt: this.now().toISOString(),
      });
      await this.pokes?.keyListInTransaction(m, document.list.version);
      return { version: document.list.version };
    });
    this.pokes?.keyListAfterCommit(uploaded.version);
    return uploaded;
  }

  /** Refuses a signature whose approval time is far from the server's clock or whose key is not registered (entries and synonym rules alike). */
  async checkSigner(m: EntityManager, signature: ApprovalSignature): Promise<void> {
    const skew = Math.abs(Date.parse(signature.approvedAt) - this.now().getTime());
    if (!(skew <= MAX_CLOCK_SKEW_MS)) throw new WorkflowError(400, 'bad_request', 'the signature\'s approval time is more than 10 minutes from the server\'s clock');
    if (!(await m.getRepository(SigningEntities.ApproverKey).existsBy({ publicKey: signature.keyId }))) {
      throw new WorkflowError(400, KEY_NOT_REGISTERED_CODE, 'this key is not registered with the server: register it first');
    }
  }

  /** Refuses a retirement signature for another version than the live one `row`, or by a key it would refuse for an approval. */
  async checkRetirement(m: EntityManager, row: VersionRow, signature: RetirementSignature): Promise<void> {
    if (signature.version !== row.version) {
      throw new WorkflowError(409, 'conflict', `the live version is ${row.version}; the retirement signed version ${signature.version}`, { currentVersion: row.version });
    }
    await this.checkSigner(m, { keyId: signature.keyId, approvedAt: signature.retiredAt, signature: signature.signature });
  }

  /**
   * Records `signature` of `row` by `signer` (inside the approval's transaction) and says whether
   * the version may go live now: a template carrying a tag the current list names as sensitive
   * needs two signatures by two people; anything else one signature (or none: an unsigned approval,
   * which agents with a pinned root key refuse as *unsigned*).
   */
  async approvalGate(m: EntityManager, row: VersionRow, signature: ApprovalSignature | undefined, signer: string): Promise<{ live: boolean; note: string | null }> {
    const list = await this.currentList(m);
    const tags = JSON.parse(row.tags) as string[];
    const needed = list ? approversNeeded({ kind: row.kind, tags }, list.list) : 1;
    const sensitive = needed > 1 ? tags.filter((tag) => list?.list.sensitiveTags.includes(tag)) : [];
    if (!signature) {
      if (sensitive.length === 0) return { live: true, note: null };
      throw new WorkflowError(409, 'signature_required', `this template carries the sensitive tag "${sensitive[0]}": two leads each approve it with their own approver key`);
    }
    await this.checkSigner(m, signature);
    const rows = m.getRepository(SigningEntities.Signature);
    const earlier = await rows.findBy({ id: row.id, locale: row.locale, version: row.version });
    if (earlier.some((s) => s.signer === signer || s.keyId === signature.keyId)) {
      throw new WorkflowError(409, 'already_signed', `version ${row.version} already carries this approver's signature; a second lead must sign it`, { currentState: 'in_review' });
    }
    await rows.insert({ id: row.id, locale: row.locale, version: row.version, ...signature, signer });
    const have = earlier.length + 1;
    return have >= needed
      ? { live: true, note: null }
      : { live: false, note: `signed; the sensitive tag "${sensitive[0]}" needs ${needed - have} more approver` };
  }
}

/** The signatures of each given version, keyed `locale\0id\0version`, for the change log. */
export async function signaturesOf(m: EntityManager, rows: ReadonlyArray<{ id: string; locale: string; version: number }>): Promise<Map<string, ApprovalSignature[]>> {
  const out = new Map<string, ApprovalSignature[]>();
  if (rows.length === 0) return out;
  const wanted = new Set(rows.map((r) => versionKey(r)));
  const found: SignatureRow[] = await m.getRepository(SigningEntities.Signature).find({
    where: { id: In([...new Set(rows.map((r) => r.id))]) },
    order: { approvedAt: 'ASC', keyId: 'ASC' },
  });
  for (const s of found) {
    const key = versionKey(s);
    if (!wanted.has(key)) continue;
    const list = out.get(key) ?? [];
    list.push({ keyId: s.keyId, approvedAt: s.approvedAt, signature: s.signature });
    out.set(key, list);
  }
  return out;
}

export function versionKey(row: { id: string; locale: string; version: number }): string {
  return `${row.locale}\u0000${row.id}\u0000${row.version}`;
}
