/**
 * Retiring from the Library (issue #15 leftovers): a lead takes an entry away from every agent, in
 * one locale or all its live ones, each retirement signed with the approver key this app holds
 * sealed (ApproverKeyServices.retirementSigner) over exactly the live version — the payload
 * `retire --key` signs (common/signing/retirement.ts). Also the leads' way to close the gap of
 * retirements made without a signature: list them and sign each afterwards.
 * Without a usable key, when the organisation signs, nothing is retired and the lead is told why.
 */
import type { z } from 'zod';
import type { LibraryEntryView, RetireOutcome, SignRetirementOutcome } from '../../common/library-contract';
import { VersionContentSchema } from '../../common/library-protocol';
import type { RetirementSignature, RetirementTarget } from '../../common/signing/retirement';
import {
  retirementSignaturePath,
  SignedRetirementResultSchema,
  UNSIGNED_RETIREMENTS_PATH,
  UnsignedRetirementsSchema,
  type UnsignedRetirements,
} from '../../common/signing/retirement-protocol';
import { versionContentPath } from '../../common/signing/signing-protocol';
import { RetireResultSchema } from '../../common/sync-protocol';
import { DomainError } from '../core/domain-error';

export interface LibraryRetireDeps {
  request<S extends z.ZodType>(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, schema: S): Promise<z.output<S>>;
  /** null: the organisation does not sign (retirements go unsigned, as before); throws when this computer's key cannot sign. */
  signer(): Promise<((target: RetirementTarget) => Promise<RetirementSignature>) | null>;
  /** The entry as the Library shows it after the change. */
  reloaded(id: string, locale: string): Promise<LibraryEntryView>;
}

export const NOTHING_TO_SIGN =
  'Your organisation does not sign retirements (no org key list on the server, no root key pinned here): there is nothing to sign.';

export class LibraryRetire {
  constructor(private readonly deps: LibraryRetireDeps) {}

  /** Retires the live version of each of `locales`; one refused locale does not stop the others. */
  async retire(id: string, locales: readonly string[]): Promise<{ outcomes: RetireOutcome[]; entry: LibraryEntryView }> {
    const sign = await this.deps.signer();
    const outcomes: RetireOutcome[] = [];
    for (const locale of [...new Set(locales)]) {
      try {
        const live = await this.deps.request('GET', versionContentPath(id, locale, 'live'), undefined, VersionContentSchema);
        const signature = sign ? await sign({ id, locale, version: live.version }) : null;
        const path = `/v1/entries/${encodeURIComponent(id)}?locale=${encodeURIComponent(locale)}`;
        await this.deps.request('DELETE', path, signature ? { signature } : undefined, RetireResultSchema);
        outcomes.push({ locale, ok: true, version: live.version, signed: signature !== null });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ locale, ok: false, message: error.message });
      }
    }
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [o]));
    if (failed.length === outcomes.length) {
      const [only] = failed;
      throw new DomainError('refused', failed.length === 1 && only ? `Nothing was retired: ${only.message}` : `Nothing was retired: ${failed.map((o) => `${o.locale}: ${o.message}`).join('; ')}`);
    }
    return { outcomes, entry: await this.deps.reloaded(id, locales[0] as string) };
  }

  unsigned(): Promise<UnsignedRetirements> {
    return this.deps.request('GET', UNSIGNED_RETIREMENTS_PATH, undefined, UnsignedRetirementsSchema);
  }

  /** Signs each listed retirement afterwards (the version that was retired); one refusal does not stop the others. */
  async signUnsigned(items: ReadonlyArray<RetirementTarget>): Promise<{ outcomes: SignRetirementOutcome[]; remaining: UnsignedRetirements }> {
    const sign = await this.deps.signer();
    if (!sign) throw new DomainError('refused', NOTHING_TO_SIGN);
    const outcomes: SignRetirementOutcome[] = [];
    for (const item of items) {
      const { id, locale } = item;
      try {
        const signature = await sign(item);
        await this.deps.request('POST', retirementSignaturePath(id), { locale, signature }, SignedRetirementResultSchema);
        outcomes.push({ id, locale, ok: true });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ id, locale, ok: false, message: error.message });
      }
    }
    return { outcomes, remaining: await this.unsigned() };
  }
}
