/**
 * Where a template variable's value may come from (issue #18): the `{% prefill %}` declaration.
 *
 *   {% prefill order.number pattern: "^[A-Z]-\\d{4,}$" %}       the clipboard's text, if it matches
 *   {% prefill customer.note from: "selection" %}               the text selected when the overlay opened
 *   {% prefill ticket.id from: "selection" pattern: "#\\d+" %}  the first match inside the selection
 *
 * The declaration lives in the template body, so it is reviewed, signed, synced and versioned with
 * the wording it belongs to; it renders nothing. Every check happens at parse time, so the server
 * refuses a bad declaration at publish with its line and column, like any Liquid error.
 *
 * A pattern is a JavaScript regular expression compiled with the `u` flag. Three guards keep a
 * hostile one from freezing anything (docs/decisions/prefill-patterns.md): its length is capped,
 * safe-regex2 refuses nested repetition (`(a+)+`, exponential on a near-miss), and matching runs
 * only in the render worker under a hard deadline (main/templates/render-pool.ts), against text
 * capped at MAX_CONTEXT_CHARS.
 */
import { Tag, TypeGuards, toValueSync, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import safeRegex from 'safe-regex2';
import { illFormedMessage, illFormedReason } from '../text/well-formed';

export const CONTEXT_SOURCES = ['clipboard', 'selection'] as const;
export type ContextSource = (typeof CONTEXT_SOURCES)[number];

/** What a variable declares about its value's origin. */
export interface VariableContext {
  from: ContextSource;
  /** Matched against the source's text; the first match is the value. Null: the whole text. */
  pattern: string | null;
}

export const MAX_PATTERN_CHARS = 200;
/** The most repetitions a pattern may hold (safe-regex2's limit; its default is 25). */
const MAX_PATTERN_REPETITIONS = 10;
const NAME_SEGMENT = /^[A-Za-z_][\w-]*$/;

/**
 * THE way a prefill pattern becomes a RegExp (Unicode mode: stricter syntax, whole code points).
 * Throws on bad syntax; patternProblem() has checked the pattern before any text meets it.
 */
export function compilePattern(pattern: string): RegExp {
  // eslint-disable-next-line security/detect-non-literal-regexp -- capped, safe-regex2-checked, matched under the worker's deadline
  return new RegExp(pattern, 'u');
}

/** Why `pattern` cannot be a prefill pattern, or null. */
export function patternProblem(pattern: string): string | null {
  if (pattern === '') return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_CHARS) return `the pattern is longer than ${MAX_PATTERN_CHARS} characters`;
  const reason = illFormedReason(pattern);
  if (reason) return illFormedMessage('the pattern', reason);
  try {
    compilePattern(pattern);
  } catch (error) {
    return `the pattern is not a valid regular expression (${(error as Error).message})`;
  }
  if (!safeRegex(pattern, { limit: MAX_PATTERN_REPETITIONS })) {
    return 'the pattern could take exponentially long on some text (a repetition inside a repetition, such as (a+)+, or too many repetitions): write it without nesting';
  }
  return null;
}

/**
 * Liquid turns `\d` inside a quoted string into a plain `d` without a word. In a pattern that
 * silently changes its meaning, so every backslash must be written doubled (`\\d`), as in JSON.
 */
function undoubledBackslash(quotedSource: string): boolean {
  const inner = quotedSource.slice(1, -1);
  return /\\(?![\\"'])/.test(inner.replace(/\\[\\"']/g, ''));
}

export class PrefillTag extends Tag {
  readonly variable: string;
  readonly context: VariableContext;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    const target = this.tokenizer.readValue();
    const variable = target && TypeGuards.isPropertyAccessToken(target) ? target.getText() : '';
    if (!variable.split('.').every((segment) => NAME_SEGMENT.test(segment))) throw new Error('{% prefill %} needs a variable name first, such as {% prefill order.number pattern: "…" %}');
    const options = new Map<string, string>();
    for (const hash of this.tokenizer.readHashes()) {
      const key = hash.name.getText();
      if (key !== 'from' && key !== 'pattern') throw new Error(`{% prefill %} knows "from" and "pattern", not "${key}"`);
      if (options.has(key)) throw new Error(`{% prefill ${variable} %} gives "${key}" twice`);
      const value = hash.value;
      if (!value || !TypeGuards.isQuotedToken(value)) throw new Error(`{% prefill ${variable} %}: "${key}" must be a quoted string`);
      if (key === 'pattern' && undoubledBackslash(value.getText())) {
        throw new Error(`{% prefill ${variable} %}: write every backslash in a pattern twice ("\\\\d" for \\d)`);
      }
      options.set(key, value.content);
    }
    this.tokenizer.skipBlank();
    if (!this.tokenizer.end()) throw new Error(`{% prefill ${variable} %}: unexpected "${this.tokenizer.remaining()}"`);
    const from = options.get('from') ?? 'clipboard';
    if (!(CONTEXT_SOURCES as readonly string[]).includes(from)) throw new Error(`{% prefill ${variable} %}: "from" is "clipboard" or "selection", not "${from}"`);
    const pattern = options.get('pattern') ?? null;
    if (!options.has('from') && pattern === null) throw new Error(`{% prefill ${variable} %} needs "from", "pattern" or both`);
    const problem = pattern === null ? null : patternProblem(pattern);
    if (problem) throw new Error(`{% prefill ${variable} %}: ${problem}`);
    this.variable = variable;
    this.context = { from: from as ContextSource, pattern };
  }

  render(): string {
    return '';
  }
}

/**
 * The `{% prefill %}` declarations of a parsed template by variable name, attached to the fields
 * they name; throws when one names a variable twice or one the template never uses.
 */
export function withPrefillDeclarations<T extends { name: string }>(templates: Template[], fields: T[]): Array<T & { context?: VariableContext }> {
  const declared = new Map<string, VariableContext>();
  const visit = (node: Template): void => {
    if (node instanceof PrefillTag) {
      if (declared.has(node.variable)) throw new Error(`{% prefill ${node.variable} %} is declared twice`);
      declared.set(node.variable, node.context);
    }
    if (node.children) for (const child of toValueSync(node.children(false, true))) visit(child);
  };
  templates.forEach(visit);
  const names = new Set(fields.map((field) => field.name));
  const unused = [...declared.keys()].find((name) => !names.has(name));
  if (unused !== undefined) throw new Error(`{% prefill ${unused} %} names a variable this template does not use`);
  return fields.map((field) => {
    const context = declared.get(field.name);
    return context ? { ...field, context } : field;
  });
}
