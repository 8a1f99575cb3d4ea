/**
 * A lead's approver key in the app (issue #15): made on this machine, its private half sealed with
 * the OS keychain (the SecretCipher port: safeStorage in main/shell/safe-storage-cipher.ts) and
 * kept sealed in the settings table; it is unsealed only to sign one approval. The CLI keeps the
 * same key as a 0600 file instead (key-file.ts). Approving from the app (the Library) signs with
 * sign() exactly as `approve --key` does.
 */
import { z } from 'zod';
import { approvalPayload, type ApprovalSignature, type SignedContent } from '../../common/signing/approval';
import { PublicKeySchema } from '../../common/signing/formats';
import { retirementPayload, type RetirementSignature, type RetirementTarget } from '../../common/signing/retirement';
import { synonymPayload, type SignedSynonymRule } from '../../common/signing/synonym-approval';
import type { SecretCipher } from '../core/ports';
import type { KeyValueStore } from '../store/key-value-store';
import { generateKeyPair, privateKeyObject, publicKeyOf, signText } from './ed25519';

export const APPROVER_KEY_SETTING = 'signing.approverKey';
/** Where this machine registered its key (`POST /v1/keys`): the server's URL and the name given. */
const RegistrationSchema = z.object({ serverUrl: z.string().max(2000), name: z.string().max(100) }).strict();
/** A key this machine held before a replacement: kept sealed, never used again (nothing the lead might miss is deleted). */
const ReplacedKeySchema = z.object({ publicKey: PublicKeySchema, sealedPrivateKey: z.string().min(1).max(10_000), replacedAt: z.string().max(100) }).strict();
const StoredKeySchema = z
  .object({
    publicKey: PublicKeySchema,
    sealedPrivateKey: z.string().min(1).max(10_000),
    registrations: z.array(RegistrationSchema).max(50).optional(),
    replaced: z.array(ReplacedKeySchema).max(20).optional(),
  })
  .strict();

export class ApproverKeyStore {
  constructor(
    private readonly settings: KeyValueStore,
    private readonly cipher: SecretCipher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The public key to register (`keys register`), or null when this machine has none yet. */
  async publicKey(): Promise<string | null> {
    return (await this.stored())?.publicKey ?? null;
  }

  /** Makes this machine's approver key (never replaces one) and returns its public key. */
  async create(): Promise<string> {
    const existing = await this.stored();
    if (existing) return existing.publicKey;
    const pair = generateKeyPair();
    // encrypt() throws when no keychain is available: the key is never kept in the clear.
    await this.settings.set(APPROVER_KEY_SETTING, { publicKey: pair.publicKey, sealedPrivateKey: this.cipher.encrypt(pair.privateKeyPkcs8) });
    return pair.publicKey;
  }

  /**
   * A new key in place of this machine's (revoked, or lost: its sealed half no longer opens). The
   * old one is kept sealed aside, unused; the new one starts unregistered.
   */
  async replace(): Promise<string> {
    const existing = await this.stored();
    if (!existing) return this.create();
    const pair = generateKeyPair();
    const replaced = [...(existing.replaced ?? []), { publicKey: existing.publicKey, sealedPrivateKey: existing.sealedPrivateKey, replacedAt: this.now().toISOString() }].slice(-20);
    await this.settings.set(APPROVER_KEY_SETTING, { publicKey: pair.publicKey, sealedPrivateKey: this.cipher.encrypt(pair.privateKeyPkcs8), replaced });
    return pair.publicKey;
  }

  /** The name this machine's key was registered under with `serverUrl`, or null. */
  async registeredName(serverUrl: string): Promise<string | null> {
    return (await this.stored())?.registrations?.find((r) => r.serverUrl === serverUrl)?.name ?? null;
  }

  /** Remembers that the server at `serverUrl` took this machine's key under `name`. */
  async noteRegistered(serverUrl: string, name: string): Promise<void> {
    const stored = await this.stored();
    if (!stored) throw new Error('this machine has no approver key yet');
    const others = (stored.registrations ?? []).filter((r) => r.serverUrl !== serverUrl).slice(-49);
    await this.settings.set(APPROVER_KEY_SETTING, { ...stored, registrations: [...others, { serverUrl, name }] });
  }

  /** The signature of exactly `content`, approved now by this machine's key. */
  sign(content: SignedContent): Promise<ApprovalSignature> {
    return this.signPayload((approval) => approvalPayload(content, approval));
  }

  /** The signature of exactly this synonym rule (issue #18), approved now by this machine's key. */
  signSynonym(rule: SignedSynonymRule): Promise<ApprovalSignature> {
    return this.signPayload((approval) => synonymPayload(rule, approval));
  }

  /** The signature of retiring exactly `target` (its live version), now, by this machine's key: what `retire --key` sends. */
  async signRetirement(target: RetirementTarget): Promise<RetirementSignature> {
    const signed = await this.signPayload((at) => retirementPayload(target, { retiredAt: at.approvedAt, keyId: at.keyId }));
    return { version: target.version, keyId: signed.keyId, retiredAt: signed.approvedAt, signature: signed.signature };
  }

  private async signPayload(payload: (approval: { approvedAt: string; keyId: string }) => string): Promise<ApprovalSignature> {
    const stored = await this.stored();
    if (!stored) throw new Error('this machine has no approver key yet');
    const privateKey = privateKeyObject(this.cipher.decrypt(stored.sealedPrivateKey));
    if (publicKeyOf(privateKey) !== stored.publicKey) throw new Error('the sealed approver key does not match its public key');
    const approval = { approvedAt: this.now().toISOString(), keyId: stored.publicKey };
    return { ...approval, signature: signText(privateKey, payload(approval)) };
  }

  private async stored(): Promise<z.infer<typeof StoredKeySchema> | null> {
    const parsed = StoredKeySchema.safeParse(await this.settings.get(APPROVER_KEY_SETTING));
    return parsed.success ? parsed.data : null;
  }
}
