import { Drop, UndefinedVariableError } from 'liquidjs';
import type { Liquid, Template } from 'liquidjs';
import type { RenderedReply, TemplateVariable } from '../ipc-contract';
import { stripInvisibleControls } from '../text/strip-controls';
import { createLiquidEngine } from './liquid-engine';
import { markdownToSafeHtml } from './markdown-html';
import { hasMarkdownFormatting, markdownToPlainText } from './markdown-text';
import { fieldsOfTemplate } from './template-fields';
import type { TemplateField } from './template-fields';
import { describeLiquidError } from './validate-template';

export type TemplateRenderResult =
  | { ok: true; reply: RenderedReply }
  | { ok: false; message: string; /** Dotted names of fields that must be filled in. */ missing: string[] };

export type TemplateCompileResult = { ok: true; template: CompiledTemplate } | { ok: false; message: string };

/**
 * Backslash-escapes ASCII punctuation (CommonMark escapes) so whatever an agent types, or pastes from
 * a customer's e-mail, is literal text in the reply: never a link, emphasis, list or raw HTML.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

function outputToMarkdown(value: unknown): string {
  const plain = value instanceof Drop ? value.valueOf() : value;
  if (plain === null || plain === undefined) return '';
  const text = Array.isArray(plain) ? plain.join('') : String(plain);
  return escapeMarkdown(text);
}

/** A value that is printed itself and also has sub-fields (`recipient.name` / `recipient.name.first`). */
class ValueWithFields extends Drop {
  text: string | undefined;
  override valueOf(): string | undefined {
    return this.text;
  }
}

type Scope = Record<string, unknown>;

function childAt(node: Scope, segment: string, dotted: string, containers: Set<string>): Scope {
  if (!Object.hasOwn(node, segment)) {
    node[segment] = containers.has(dotted) ? new ValueWithFields() : Object.create(null);
  }
  return node[segment] as Scope;
}

/** Puts a value at a dotted path, creating prototype-less objects on the way (no `__proto__` games). */
function setPath(root: Scope, name: string, value: string | string[], containers: Set<string>): void {
  const path = name.split('.');
  let node = root;
  for (let i = 0; i < path.length - 1; i++) node = childAt(node, path[i]!, path.slice(0, i + 1).join('.'), containers);
  const last = path[path.length - 1]!;
  if (containers.has(name) && typeof value === 'string') {
    (childAt(node, last, name, containers) as unknown as ValueWithFields).text = value;
  } else {
    node[last] = value;
  }
}

/** A template parsed once, rendered on every keystroke of the live preview. */
export class CompiledTemplate {
  readonly variables: TemplateVariable[];

  constructor(
    private readonly engine: Liquid,
    private readonly parsed: Template[],
    readonly fields: TemplateField[],
  ) {
    this.variables = fields.map(({ name, label, type, defaultValue, context }) => ({ name, label, type, defaultValue, ...(context ? { context } : {}) }));
  }

  render(values: Readonly<Record<string, string>>): TemplateRenderResult {
    const scope: Scope = Object.create(null);
    const containers = new Set(this.fields.filter((field) => field.alsoContainer).map((field) => field.name));
    const emptyRequired: TemplateField[] = [];
    for (const field of this.fields) {
      // Only fields the template declares are read: unknown keys never reach the template scope.
      const raw = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
      const value = stripInvisibleControls(raw ?? '');
      if (field.list) {
        setPath(scope, field.name, value.split('\n').map((line) => line.trim()).filter(Boolean), containers);
      } else if (value.trim() !== '') {
        setPath(scope, field.name, value, containers);
      } else if (!field.optional) {
        emptyRequired.push(field);
      }
    }
    // An empty field that prints itself and has sub-fields would print silently as nothing.
    const silentGap = emptyRequired.filter((field) => field.alsoContainer);
    if (silentGap.length > 0) return this.missing(silentGap, emptyRequired);

    let markdown: string;
    try {
      markdown = stripInvisibleControls(String(this.engine.renderSync(this.parsed, scope)));
    } catch (error) {
      if (error instanceof UndefinedVariableError) {
        const undefinedName = /^undefined variable: ([^,\s]+)/.exec(error.message)?.[1] ?? '';
        const culprit = emptyRequired.filter(
          (field) => field.name === undefinedName || field.name.startsWith(`${undefinedName}.`),
        );
        if (culprit.length > 0 || emptyRequired.length > 0) return this.missing(culprit, emptyRequired);
      }
      return { ok: false, message: describeLiquidError(error), missing: [] };
    }
    const text = markdownToPlainText(markdown);
    const html = hasMarkdownFormatting(markdown) ? markdownToSafeHtml(markdown) : null;
    return { ok: true, reply: { text, html } };
  }

  private missing(first: TemplateField[], others: TemplateField[]): TemplateRenderResult {
    const named = new Set([...first, ...others]);
    const fields = this.fields.filter((field) => named.has(field));
    const labels = fields.map((field) => `“${field.label}”`).join(', ');
    return {
      ok: false,
      message: `Fill in ${labels}.`,
      missing: fields.map((field) => field.name),
    };
  }
}

let renderEngine: Liquid | undefined;
function engine(): Liquid {
  renderEngine ??= createLiquidEngine({ escapeOutput: outputToMarkdown, unknownTags: 'render-nothing' });
  return renderEngine;
}

/** Parses a template body and finds its fields; a body that does not parse gives the reason. */
export function compileTemplate(body: string): TemplateCompileResult {
  try {
    const parsed = engine().parse(body);
    return { ok: true, template: new CompiledTemplate(engine(), parsed, fieldsOfTemplate(engine(), parsed)) };
  } catch (error) {
    return { ok: false, message: describeLiquidError(error) };
  }
}
