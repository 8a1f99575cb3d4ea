/** Body-in, result-out shorthands over compileTemplate for the template tests. */
import type { TemplateVariable } from '../../../common/ipc-contract';
import { compileTemplate, type TemplateRenderResult } from '../../../common/templates/render-template';

/** The form fields of a template body, in order of first appearance; throws on a syntax error. */
export function extractVariables(body: string): TemplateVariable[] {
  const compiled = compileTemplate(body);
  if (!compiled.ok) throw new Error(`This template has an error: ${compiled.message}`);
  return compiled.template.variables;
}

/** Compiles and renders in one step; a parse error is a `{ ok: false }` result like any other. */
export function renderTemplate(body: string, values: Readonly<Record<string, string>>): TemplateRenderResult {
  const compiled = compileTemplate(body);
  if (!compiled.ok) return { ok: false, message: compiled.message, missing: [] };
  return compiled.template.render(values);
}
