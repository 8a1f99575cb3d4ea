/**
 * Which declared variables (`{% prefill %}`, prefill-tag.ts) the agent's context fills, and with
 * what (issue #18). Runs in the render worker under its deadline (main/templates/render-pool.ts):
 * a pattern that slipped past safe-regex2 costs the prefill, never the app.
 */
import type { VariableType } from '../ipc-contract';
import { compilePattern, type ContextSource, type VariableContext } from './prefill-tag';

/** What the agent had copied or selected when the overlay opened, cleaned (main/application/overlay-context.ts). */
export interface CapturedContext {
  clipboard: string | null;
  selection: string | null;
}

/** A value offered for a field, and where it came from (the form says so beside the field). */
export interface Prefill {
  value: string;
  source: ContextSource;
}

/** Longer clipboard or selection text is not used at all (not cut: a cut value could mislead). */
export const MAX_CONTEXT_CHARS = 10_000;

interface Declared {
  name: string;
  type: VariableType;
  context?: VariableContext;
}

function valueFrom(text: string, context: VariableContext): string | null {
  if (context.pattern === null) return text.trim();
  let pattern: RegExp;
  try {
    pattern = compilePattern(context.pattern);
  } catch {
    return null; // refused at parse time already; a stale worker cache must not throw here
  }
  return pattern.exec(text)?.[0]?.trim() ?? null;
}

/** The prefills for `fields` from `captured`, by variable name; fields without a fitting value are left out. */
export function prefillValues(fields: readonly Declared[], captured: CapturedContext): Record<string, Prefill> {
  const prefills: Record<string, Prefill> = Object.create(null) as Record<string, Prefill>;
  for (const field of fields) {
    if (!field.context) continue;
    const text = captured[field.context.from];
    if (text === null || text === '' || text.length > MAX_CONTEXT_CHARS) continue;
    const value = valueFrom(text, field.context);
    if (value === null || value === '') continue;
    // A one-line input cannot show a line break: rather no value than one the agent cannot see whole.
    if (field.type !== 'multiline' && value.includes('\n')) continue;
    prefills[field.name] = { value, source: field.context.from };
  }
  return prefills;
}
