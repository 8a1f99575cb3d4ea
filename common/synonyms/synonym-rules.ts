/**
 * Synonyms the organisation owns (issue #18): per locale, a group of terms that mean the same
 * (`refund; money back; reimbursement`: each finds the others) or a one-way rule (`screen too
 * dark → brightness`: the terms find the target, not the reverse). One rule set checked the same
 * way by the CSV import (CLI), the server's routes and the agent's sync, so a rule one of them
 * accepts is accepted by all.
 */
import { z } from 'zod';
import { LocaleSchema } from '../knowledge';
import { illFormedMessage, illFormedReason } from '../text/well-formed';

/** A group of a few dozen terms is already a thesaurus entry; 10,000 is a pasted word list. */
export const MAX_GROUP_TERMS = 50;
export const MAX_TERM_CHARS = 80;
export const MAX_TERM_WORDS = 6;
/** Rules in one import and rules live on a server (each agent holds all of them in memory). */
export const MAX_RULES = 5000;

export interface SynonymRule {
  locale: string;
  /** The terms as written (trimmed, inner spaces collapsed). */
  terms: string[];
  /** null: a group (every term finds every other); else the target the terms find. */
  oneWayTo: string | null;
}

/** How terms are compared: case- and width-insensitive, spaces collapsed. */
export function termKey(term: string): string {
  return term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function cleanTerm(term: string): string {
  return term.replace(/\s+/g, ' ').trim();
}

/**
 * Why one term is refused, or null. Markup and spreadsheet formulas ("script") are refused: a
 * term is shown in the Library and exported as CSV, and is plain words by nature.
 */
export function termProblem(term: string): string | null {
  const reason = illFormedReason(term);
  if (reason) return illFormedMessage(`the term "${term.slice(0, 40)}"`, reason);
  if (term === '') return 'an empty term';
  if ([...term].length > MAX_TERM_CHARS) return `the term "${term.slice(0, 40)}…" is longer than ${MAX_TERM_CHARS} characters`;
  if (term.split(' ').length > MAX_TERM_WORDS) return `the term "${term}" has more than ${MAX_TERM_WORDS} words`;
  if (/[<>{}]|javascript:/i.test(term)) return `the term "${term}" looks like markup or script, not words`;
  if (/^[=+\-@]/.test(term)) return `the term "${term}" starts like a spreadsheet formula (= + - @)`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(term)) return `the term "${term}" contains control characters`;
  return null;
}

/** Why one rule is refused on its own, or null. */
export function ruleProblem(rule: SynonymRule): string | null {
  if (!LocaleSchema.safeParse(rule.locale).success) return `"${rule.locale}" is not a locale such as en or pt-BR`;
  if (rule.terms.length === 0) return 'an empty group: no terms';
  if (rule.terms.length > MAX_GROUP_TERMS) return `${rule.terms.length} terms; a group holds at most ${MAX_GROUP_TERMS}`;
  for (const term of [...rule.terms, ...(rule.oneWayTo === null ? [] : [rule.oneWayTo])]) {
    const problem = termProblem(term);
    if (problem) return problem;
  }
  const keys = rule.terms.map(termKey);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) return `the term "${twice}" is listed twice`;
  if (rule.oneWayTo === null && rule.terms.length < 2) return 'a group needs at least two terms (or a one_way_to target)';
  if (rule.oneWayTo !== null && keys.includes(termKey(rule.oneWayTo))) return `"${rule.oneWayTo}" leads to itself (a cycle)`;
  return null;
}

/**
 * Problems of a rule set taken together, by the index of the rule they are found at: each rule's
 * own problem, then cycles among one-way rules of a locale (a → b, b → a), reported at the rule
 * that closes the cycle, and more than MAX_RULES rules.
 */
export function ruleSetProblems(rules: readonly SynonymRule[]): Array<{ index: number; message: string }> {
  const problems: Array<{ index: number; message: string }> = [];
  if (rules.length > MAX_RULES) problems.push({ index: MAX_RULES, message: `more than ${MAX_RULES} rules` });
  const edges = new Map<string, Map<string, number>>(); // locale|from → to → rule index
  rules.forEach((rule, index) => {
    const own = ruleProblem(rule);
    if (own) {
      problems.push({ index, message: own });
      return;
    }
    if (rule.oneWayTo === null) return;
    const to = `${rule.locale}|${termKey(rule.oneWayTo)}`;
    for (const term of rule.terms) {
      const from = `${rule.locale}|${termKey(term)}`;
      const path = pathBetween(edges, to, from);
      if (path) {
        problems.push({ index, message: `"${term}" → "${rule.oneWayTo}" closes a cycle: ${[...path, to].map((k) => `"${k.slice(k.indexOf('|') + 1)}"`).join(' → ')}` });
        return;
      }
    }
    for (const term of rule.terms) {
      const from = `${rule.locale}|${termKey(term)}`;
      const out = edges.get(from) ?? new Map<string, number>();
      out.set(to, index);
      edges.set(from, out);
    }
  });
  return problems.sort((a, b) => a.index - b.index);
}

/** A path of one-way edges from `start` to `goal` (inclusive), or null. */
function pathBetween(edges: Map<string, Map<string, number>>, start: string, goal: string): string[] | null {
  const before = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (at === goal) {
      const path: string[] = [];
      for (let k: string | null = at; k !== null; k = before.get(k) ?? null) path.unshift(k);
      return path;
    }
    for (const next of edges.get(at)?.keys() ?? []) {
      if (before.has(next)) continue;
      before.set(next, at);
      queue.push(next);
    }
  }
  return null;
}

const TermSchema = z.string().min(1).max(MAX_TERM_CHARS * 2);

/** A rule on the wire (import request, agents' sync); ruleProblem() applies on top. */
export const SynonymRuleSchema = z
  .object({
    locale: LocaleSchema,
    terms: z.array(TermSchema).min(1).max(MAX_GROUP_TERMS),
    oneWayTo: TermSchema.nullable(),
  })
  .strict();
