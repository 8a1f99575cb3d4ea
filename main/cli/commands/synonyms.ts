/**
 * The organisation's synonyms (issue #18), for leads:
 *   synonyms import <file.csv> --server <url> --token <lead>   (header locale,terms,one_way_to)
 *   synonyms add --locale en --terms "refund;money back" [--one-way-to <target>] --server … --token …
 *   synonyms list [--state in_review|approved|rejected|retired] [--json] --server … --token …
 *   synonyms approve <rule-id> [--key <file>] --server … --token …
 *   synonyms reject|retire <rule-id> --server … --token …
 * Every new rule waits in review until another lead approves it. A file with any problem is
 * refused whole, each problem printed with its line. With --key the rule in review is fetched,
 * signed on this machine with the approver key (docs/signing.md) and sent with the approval:
 * agents with a pinned org root key apply only signed rules.
 */
import type { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { readSynonymCsv } from '../../../common/synonyms/synonym-csv';
import { cleanTerm, ruleSetProblems, type SynonymRule } from '../../../common/synonyms/synonym-rules';
import {
  SubmitSynonymsResultSchema,
  SynonymDecisionSchema,
  SynonymListSchema,
  SYNONYM_STATES,
  type StoredSynonymRule,
} from '../../../common/synonyms/synonym-protocol';
import { synonymPayload } from '../../../common/signing/synonym-approval';
import { signText } from '../../signing/ed25519';
import { readKeyFile } from '../../signing/key-file';
import { serverArgs } from '../server-args';
import { UsageError, callServer, parseArgs, reportRefusals, stringFlag, type CliIo, type ServerTarget } from '../workflow-client';

const DECISIONS = { approve: ['POST', 'approve'], reject: ['POST', 'reject'], retire: ['DELETE', ''] } as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = parseArgs(rest, ['server', 'token', 'locale', 'terms', 'one-way-to', 'state', 'key'], ['json']);
  switch (sub) {
    case 'import': {
      const [file, ...extra] = parsed.positionals;
      if (!file || extra.length > 0) throw new UsageError('synonyms import needs exactly one <file.csv>');
      const target = serverArgs(parsed);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        io.stderr(`error: cannot read ${file}: ${(error as Error).message}`);
        return 1;
      }
      const read = readSynonymCsv(text);
      if (read.problems.length > 0) {
        for (const p of read.problems) io.stderr(`${file}:${p.line}: ${p.message}`);
        io.stderr(`nothing imported: ${read.problems.length} problem(s); fix the file and import it again`);
        return 1;
      }
      if (read.rules.length === 0) {
        io.stderr(`${file}: no rules after the header; nothing imported`);
        return 1;
      }
      return submit(target, read.rules, io);
    }
    case 'add': {
      const target = serverArgs(parsed);
      const locale = stringFlag(parsed, 'locale');
      const terms = stringFlag(parsed, 'terms');
      if (!locale || !terms) throw new UsageError('synonyms add needs --locale <l> and --terms "a;b"');
      const oneWay = stringFlag(parsed, 'one-way-to');
      const rule: SynonymRule = { locale, terms: terms.split(';').map(cleanTerm).filter((t) => t !== ''), oneWayTo: oneWay ? cleanTerm(oneWay) : null };
      const problem = ruleSetProblems([rule])[0];
      if (problem) {
        io.stderr(`error: ${problem.message}`);
        return 1;
      }
      return submit(target, [rule], io);
    }
    case 'list': {
      const target = serverArgs(parsed);
      const state = z.enum(SYNONYM_STATES).safeParse(stringFlag(parsed, 'state') ?? 'in_review');
      if (!state.success) throw new UsageError(`--state must be one of ${SYNONYM_STATES.join(', ')}`);
      return reportRefusals(io, async () => {
        const { rules } = await callServer(target, 'GET', `/v1/synonyms/rules?state=${state.data}`, undefined, SynonymListSchema);
        for (const rule of rules) io.stdout(parsed.flags.get('json') === true ? JSON.stringify(rule) : describe(rule));
        io.stderr(`${rules.length} rule(s) ${state.data.replace('_', ' ')}`);
        return 0;
      });
    }
    case 'approve':
    case 'reject':
    case 'retire': {
      const [ruleId, ...extra] = parsed.positionals;
      if (!ruleId || extra.length > 0) throw new UsageError(`synonyms ${sub} needs exactly one <rule-id>`);
      const target = serverArgs(parsed);
      const [method, action] = DECISIONS[sub];
      const path = `/v1/synonyms/${encodeURIComponent(ruleId)}${action ? `/${action}` : ''}`;
      const keyFile = stringFlag(parsed, 'key');
      if (keyFile !== undefined && sub !== 'approve') throw new UsageError('--key signs an approval: synonyms approve <rule-id> --key <file>');
      const key = keyFile === undefined ? null : await readKeyFile(keyFile, 'approver');
      return reportRefusals(io, async () => {
        const body = key ? { signature: await signRule(target, ruleId, key) } : undefined;
        const { rule, version } = await callServer(target, method, path, body, SynonymDecisionSchema);
        io.stdout(`${rule.state} ${describe(rule)}${key ? ' (signed)' : ''}; the synonym set is at version ${version}`);
        return 0;
      });
    }
    default:
      throw new UsageError('synonyms needs import, add, list, approve, reject or retire');
  }
}

/** The signature of the rule in review exactly as the server holds it, by this machine's key. */
async function signRule(target: ServerTarget, ruleId: string, key: { publicKey: string; privateKey: KeyObject }) {
  const { rules } = await callServer(target, 'GET', '/v1/synonyms/rules?state=in_review', undefined, SynonymListSchema);
  const rule = rules.find((r) => r.ruleId === ruleId);
  if (!rule) throw new UsageError(`no synonym rule ${ruleId} in review`);
  const approval = { approvedAt: new Date().toISOString(), keyId: key.publicKey };
  return { ...approval, signature: signText(key.privateKey, synonymPayload(rule, approval)) };
}

function submit(target: ServerTarget, rules: SynonymRule[], io: CliIo): Promise<number> {
  return reportRefusals(io, async () => {
    const result = await callServer(target, 'POST', '/v1/synonyms', { rules }, SubmitSynonymsResultSchema);
    for (const rule of result.rules) io.stdout(describe(rule));
    io.stderr(`${result.rules.length} rule(s) submitted; each goes live when another lead approves it`);
    return 0;
  });
}

function describe(rule: StoredSynonymRule): string {
  const what = rule.oneWayTo === null ? rule.terms.join('; ') : `${rule.terms.join('; ')} → ${rule.oneWayTo}`;
  return `${rule.ruleId}  ${rule.locale}  ${what}  (${rule.state.replace('_', ' ')}, by ${rule.author})`;
}
