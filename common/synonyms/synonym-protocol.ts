/**
 * The synonym API (server/synonyms/): leads submit rules (each waits in review), another lead
 * approves or rejects each (four eyes, as for entries), a lead retires a live one; agents fetch
 * the live set by version (GET /v1/synonyms?since=<version>).
 */
import { z } from 'zod';
import { ApprovalSignatureSchema, CarriedSignaturesSchema } from '../signing/approval';
import { MAX_RULES, SynonymRuleSchema } from './synonym-rules';

export const SYNONYM_STATES = ['in_review', 'approved', 'rejected', 'retired'] as const;
export type SynonymState = (typeof SYNONYM_STATES)[number];
/** What a lead decides on a rule: approve or reject one in review, retire a live one. */
export const SYNONYM_DECISIONS = ['approve', 'reject', 'retire'] as const;
export type SynonymDecision = (typeof SYNONYM_DECISIONS)[number];

/** `replaces`: the live rule an edited rule takes the place of once approved (one rule only). */
export const SubmitSynonymsSchema = z
  .object({ rules: z.array(SynonymRuleSchema).min(1).max(MAX_RULES), replaces: z.uuid().optional() })
  .strict()
  .refine((body) => body.replaces === undefined || body.rules.length === 1, { message: 'an edit (replaces) submits exactly one rule', path: ['replaces'] });

/** `POST /v1/synonyms/:ruleId/approve`: with an approver key, its signature of the rule (synonym-approval.ts). */
export const ApproveSynonymSchema = z.object({ signature: ApprovalSignatureSchema.optional() }).strict();

export const StoredSynonymRuleSchema = SynonymRuleSchema.extend({
  ruleId: z.string().min(1).max(100),
  state: z.enum(SYNONYM_STATES),
  author: z.string().max(200),
  createdAt: z.string(),
  decidedBy: z.string().max(200).nullable(),
  /** The live rule this one replaces once approved (an edit), or null. */
  replaces: z.string().max(100).nullable(),
  /** The approvers' signatures (none: approved unsigned, or not yet approved). */
  signatures: CarriedSignaturesSchema,
});
export type StoredSynonymRule = z.infer<typeof StoredSynonymRuleSchema>;

export const SubmitSynonymsResultSchema = z.object({ rules: z.array(StoredSynonymRuleSchema) });
export const SynonymListSchema = z.object({ rules: z.array(StoredSynonymRuleSchema) });
export const SynonymDecisionSchema = z.object({ rule: StoredSynonymRuleSchema, version: z.number().int().nonnegative() });

/**
 * A live rule as agents receive it: the rule, its id and its approvers' signatures (what a pinned
 * root key checks). Both are optional: a server before signed synonyms sends the rule alone
 * (applied without a root key, refused as unsigned with one).
 */
export const LiveSynonymRuleSchema = SynonymRuleSchema.extend({ ruleId: z.string().max(100).default(''), signatures: CarriedSignaturesSchema.default([]) }).strict();
export type LiveSynonymRule = z.infer<typeof LiveSynonymRuleSchema>;

/** What an agent syncs: the live rules, or `rules: null` when its version is current. */
export const LiveSynonymsSchema = z.object({
  version: z.number().int().nonnegative(),
  rules: z.array(LiveSynonymRuleSchema).max(MAX_RULES).nullable(),
});

/** The `synonyms` event of `/v1/events`: the live set has a new version (an approval or retirement). */
export const SynonymsEventSchema = z.object({ version: z.number().int().nonnegative() });
export const SYNONYMS_EVENT = 'synonyms';
export type LiveSynonyms = z.infer<typeof LiveSynonymsSchema>;
