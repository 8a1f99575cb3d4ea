/**
 * The synonym API (server/synonyms/): leads submit rules (each waits in review), another lead
 * approves or rejects each (four eyes, as for entries), a lead retires a live one; agents fetch
 * the live set by version (GET /v1/synonyms?since=<version>).
 */
import { z } from 'zod';
import { MAX_RULES, SynonymRuleSchema } from './synonym-rules';

export const SYNONYM_STATES = ['in_review', 'approved', 'rejected', 'retired'] as const;
export type SynonymState = (typeof SYNONYM_STATES)[number];

export const SubmitSynonymsSchema = z.object({ rules: z.array(SynonymRuleSchema).min(1).max(MAX_RULES) }).strict();

export const StoredSynonymRuleSchema = SynonymRuleSchema.extend({
  ruleId: z.string().min(1).max(100),
  state: z.enum(SYNONYM_STATES),
  author: z.string().max(200),
  createdAt: z.string(),
  decidedBy: z.string().max(200).nullable(),
});
export type StoredSynonymRule = z.infer<typeof StoredSynonymRuleSchema>;

export const SubmitSynonymsResultSchema = z.object({ rules: z.array(StoredSynonymRuleSchema) });
export const SynonymListSchema = z.object({ rules: z.array(StoredSynonymRuleSchema) });
export const SynonymDecisionSchema = z.object({ rule: StoredSynonymRuleSchema, version: z.number().int().nonnegative() });

/** What an agent syncs: the live rules, or `rules: null` when its version is current. */
export const LiveSynonymsSchema = z.object({
  version: z.number().int().nonnegative(),
  rules: z.array(SynonymRuleSchema).max(MAX_RULES).nullable(),
});
export type LiveSynonyms = z.infer<typeof LiveSynonymsSchema>;
