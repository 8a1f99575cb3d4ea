import { Output, TypeGuards, Variable, toValueSync } from 'liquidjs';
import type { Liquid, Template, ValueToken } from 'liquidjs';
import type { TemplateVariable } from '../ipc-contract';
import { guessVariableType, labelForVariable } from './variable-names';
import { withPrefillDeclarations } from './prefill-tag';

/** A form field plus what rendering needs to know about it. */
export interface TemplateField extends TemplateVariable {
  /** Every use has a `default` filter or is only a condition, so leaving it empty is fine. */
  optional: boolean;
  /** Looped over or indexed (`{% for x in order.items %}`): the value is one item per line. */
  list: boolean;
  /** Printed itself while also having sub-fields (`recipient.name` and `recipient.name.first`). */
  alsoContainer: boolean;
}

/**
 * printed: needs a value; defaulted: `{{ x | default: "y" }}`; condition: only tested in if/unless/case
 * (an empty field is false there); guarded: printed inside `{% if x %}` for the same x;
 * collection: looped over or indexed.
 */
type UsageKind = 'printed' | 'defaulted' | 'condition' | 'guarded' | 'collection';
interface Usage {
  kind: UsageKind;
  defaultValue: string | null;
}

const CONDITION_TAGS = new Set(['if', 'unless', 'case']);
const LOOP_TAGS = new Set(['for', 'tablerow']);

const positionKey = (row: number, col: number): string => `${row}:${col}`;

/** Variables (with positions) that appear in one node's own arguments, not in its children. */
function variablesInArguments(engine: Liquid, node: Template): Variable[] {
  if (!node.arguments) return [];
  const shallow: Template = { token: node.token, render: () => '', arguments: () => node.arguments!() };
  return Object.values(engine.analyzeSync([shallow], { partials: false }).variables).flat();
}

function literalDefault(engine: Liquid, arg: unknown): string | null {
  if (!TypeGuards.isQuotedToken(arg) && !TypeGuards.isNumberToken(arg)) return null;
  return String(engine.evalValueSync(arg.getText(), {}));
}

function classifyOutput(engine: Liquid, node: Output, guards: Set<string>, usages: Map<string, Usage>): void {
  const [first, ...rest] = node.value.initial.postfix;
  if (rest.length > 0 || !TypeGuards.isPropertyAccessToken(first)) return;
  const [row = 0, col = 0] = first.getPosition();
  // Liquid's lenient `default` only applies when it is the first filter; `x | upcase | default` still needs x.
  const leading = node.value.filters[0];
  if (leading?.name === 'default') {
    usages.set(positionKey(row, col), { kind: 'defaulted', defaultValue: literalDefault(engine, leading.args[0]) });
    return;
  }
  const printed = variablesInArguments(engine, node).find((v) => v.location.row === row && v.location.col === col);
  if (printed && guards.has(dottedName(printed).name)) {
    usages.set(positionKey(row, col), { kind: 'guarded', defaultValue: null });
  }
}

/** Classifies a tag's own arguments; returns the names it tests, which guard its children. */
function classifyTag(engine: Liquid, node: Template & { name?: string }, usages: Map<string, Usage>): string[] {
  const name = node.name ?? '';
  const tested: string[] = [];
  if (CONDITION_TAGS.has(name)) {
    for (const variable of variablesInArguments(engine, node)) {
      usages.set(positionKey(variable.location.row, variable.location.col), { kind: 'condition', defaultValue: null });
      tested.push(dottedName(variable).name);
    }
  }
  if (LOOP_TAGS.has(name)) {
    const collection = (node as { collection?: ValueToken }).collection;
    if (collection && TypeGuards.isPropertyAccessToken(collection)) {
      const [row = 0, col = 0] = collection.getPosition();
      usages.set(positionKey(row, col), { kind: 'collection', defaultValue: null });
    }
  }
  return tested;
}

/** Records how each variable occurrence (by position) is used; unlisted occurrences are plain prints. */
function classifyUsages(engine: Liquid, templates: Template[]): Map<string, Usage> {
  const usages = new Map<string, Usage>();
  const guards = new Set<string>();
  const visit = (node: Template): void => {
    let added: string[] = [];
    if (node instanceof Output) classifyOutput(engine, node, guards, usages);
    else added = classifyTag(engine, node as Template & { name?: string }, usages).filter((n) => !guards.has(n));
    added.forEach((n) => guards.add(n));
    if (node.children) for (const child of toValueSync(node.children(false, true))) visit(child);
    added.forEach((n) => guards.delete(n));
  };
  templates.forEach(visit);
  return usages;
}

/** The dotted name of a variable, cut at the first segment that is not a plain property name. */
function dottedName(variable: Variable): { name: string; indexed: boolean } {
  const parts: string[] = [];
  for (const segment of variable.segments) {
    if (typeof segment !== 'string' || segment.includes('.') || segment === '') break;
    parts.push(segment);
  }
  return { name: parts.join('.'), indexed: parts.length < variable.segments.length };
}

interface Accumulated {
  name: string;
  usages: Usage[];
  indexed: boolean;
}

/**
 * The form fields of a parsed template, in order of first appearance. Uses LiquidJS's static
 * analysis, so loop variables, `assign`/`capture` locals and `forloop` are never fields. Throws
 * when a `{% prefill %}` declaration does not fit the fields (prefill-tag.ts).
 */
export function fieldsOfTemplate(engine: Liquid, templates: Template[]): TemplateField[] {
  const analysis = engine.analyzeSync(templates, { partials: false });
  const usages = classifyUsages(engine, templates);
  const occurrences = Object.values(analysis.globals)
    .flat()
    .sort((a, b) => a.location.row - b.location.row || a.location.col - b.location.col);

  const byName = new Map<string, Accumulated>();
  for (const occurrence of occurrences) {
    const { name, indexed } = dottedName(occurrence);
    if (name === '') continue;
    const usage = usages.get(positionKey(occurrence.location.row, occurrence.location.col)) ?? {
      kind: 'printed',
      defaultValue: null,
    };
    const entry = byName.get(name) ?? { name, usages: [], indexed: false };
    entry.usages.push(indexed ? { kind: 'collection', defaultValue: null } : usage);
    entry.indexed ||= indexed;
    byName.set(name, entry);
  }

  const names = [...byName.keys()];
  const fields: TemplateField[] = [];
  for (const entry of byName.values()) {
    const isContainer = names.some((other) => other.startsWith(`${entry.name}.`));
    const printed = entry.usages.some((usage) => usage.kind === 'printed' || usage.kind === 'defaulted');
    // `{% if customer %}` next to `{{ customer.name }}`: `customer` is an object, not something to type.
    if (isContainer && !printed) continue;
    const list = entry.usages.some((usage) => usage.kind === 'collection');
    const defaultValue = entry.usages.find((usage) => usage.defaultValue !== null)?.defaultValue ?? null;
    fields.push({
      name: entry.name,
      label: labelForVariable(entry.name),
      type: list ? 'multiline' : guessVariableType(entry.name),
      defaultValue,
      optional: list || entry.usages.every((usage) => usage.kind !== 'printed'),
      list,
      alsoContainer: isContainer,
    });
  }
  return withPrefillDeclarations(templates, fields);
}
