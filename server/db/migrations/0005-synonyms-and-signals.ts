/**
 * Migration 5 (issue #18): the organisation's synonym rules, reviewed like entries (a lead
 * submits, another lead approves), and the usage signals agents send as numbers, summed per day
 * (what the leads' reports read). `signal_batches` remembers each batch an agent sent, so a batch
 * resent after a lost answer is counted once.
 */
import { int, ints, optionalTexts, primaryKey, real, text, texts } from './columns';
import { tablesMigration } from './tables-migration';

const perDayAndEntry = () => primaryKey(...texts('day', 'id', 'locale'));

export const SynonymsAndSignals1732870000005 = tablesMigration('SynonymsAndSignals1732870000005', [
  {
    name: 'synonym_rules',
    columns: [
      ...primaryKey(text('rule_id')),
      ...texts('locale', 'terms'),
      text('one_way_to', true),
      ...texts('state', 'author', 'created_at'),
      ...optionalTexts('decided_by', 'decided_at', 'comment'),
      // The synonym set's version after this rule last went live or was retired (agents sync by it).
      int('seq'),
    ],
    indices: [{ name: 'synonym_rules_state', columnNames: ['state'] }],
  },
  { name: 'signal_batches', columns: [...primaryKey(text('batch_id')), ...texts('agent', 'received_at')] },
  { name: 'signal_usage', columns: [...perDayAndEntry(), ...ints('found', 'opened', 'inserted', 'copied')] },
  {
    name: 'signal_missed',
    columns: [...primaryKey(...texts('day', 'query_key')), text('locale'), text('query_text', true), int('searches')],
  },
  { name: 'signal_edits', columns: [...perDayAndEntry(), int('edits'), real('ratio_sum')] },
]);
