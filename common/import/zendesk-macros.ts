/**
 * A Zendesk macros JSON export (`GET /api/v2/macros`: `{ "macros": [...] }`, one `{ "macro": {...} }`
 * or a bare list) as import records in the NDJSON format's field names, for the one reader
 * (common/import-records.ts), which then converts them as `--format zendesk` records: the reply
 * text from the macro's `actions` — `comment_value_html` (HTML → Markdown) before `comment_value`
 * (plain text, a string or Zendesk's older `["channel:all", "text"]` pair) — with its placeholders
 * kept as Liquid (common/templates/zendesk.ts renames the usual ones to Cuecard's names).
 *
 * One macro of the wrong shape is a problem naming it; the others are read. A macro that only
 * sets ticket fields (no reply text) or is inactive in Zendesk is left out with a warning. The
 * JSON is parsed by V8's (non-recursive) parser and only the fields named here are read, so deep
 * nesting anywhere else costs nothing but its size, which the reader's total limit bounds.
 */
import { z } from 'zod';

export interface ZendeskUnit {
  /** `macro <n>` (1-based, in file order) with its Zendesk id when it has one. */
  at: string;
  value?: Record<string, unknown>;
  problem?: string;
  warning?: string;
}

const ActionSchema = z.object({ field: z.string(), value: z.unknown() });
const MacroSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/, 'must be a number')]),
  title: z.string(),
  active: z.boolean().optional(),
  actions: z.array(z.unknown()),
});

/** Whether `text` is a Zendesk JSON export rather than NDJSON lines (whose first line is one record). */
export function isZendeskExport(text: string): boolean {
  const start = text.trimStart();
  if (start.startsWith('[')) return true;
  const firstLine = start.slice(0, start.indexOf('\n') === -1 ? undefined : start.indexOf('\n'));
  try {
    const first: unknown = JSON.parse(firstLine);
    return typeof first === 'object' && first !== null && ('macros' in first || 'macro' in first);
  } catch {
    // A first line that is not JSON on its own: a pretty-printed export (or a broken one, which
    // the export reader reports as such rather than line by line).
    return start.startsWith('{');
  }
}

export type ZendeskReadResult = { ok: true; units: ZendeskUnit[] } | { ok: false; message: string };

export function readZendeskMacros(text: string, maxMacros: number): ZendeskReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not a valid Zendesk macros export: ${(error as Error).message}` };
  }
  const list = macroList(json);
  if (!list) return { ok: false, message: 'not a Zendesk macros export: expected { "macros": [...] }, { "macro": {...} } or a list of macros' };
  if (list.length > maxMacros) return { ok: false, message: `the export has ${list.length} macros, more than the ${maxMacros.toLocaleString('en')} one import takes; split it` };
  return { ok: true, units: list.map((macro, index) => macroUnit(macro, index + 1)) };
}

function macroList(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (typeof json !== 'object' || json === null) return null;
  const object = json as Record<string, unknown>;
  if (Array.isArray(object.macros)) return object.macros;
  if ('macro' in object && typeof object.macro === 'object' && object.macro !== null) return [object.macro];
  return null;
}

function macroUnit(macro: unknown, n: number): ZendeskUnit {
  const id = typeof macro === 'object' && macro !== null ? (macro as { id?: unknown }).id : undefined;
  const at = `macro ${n}${typeof id === 'number' || (typeof id === 'string' && id.length <= 20) ? ` (id ${id})` : ''}`;
  const parsed = MacroSchema.safeParse(macro);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { at, problem: `${issue?.path.join('.') || 'macro'}: ${issue?.message ?? 'not a macro'}` };
  }
  const { title, active, actions } = parsed.data;
  if (active === false) return { at, warning: 'inactive in Zendesk; left out' };
  const body = replyText(actions);
  if (body === null) return { at, warning: 'sets ticket fields only (no comment_value or comment_value_html); left out' };
  const category = title.includes('::') ? title.split('::').slice(0, -1).map((part) => part.trim()).filter((part) => part !== '') : [];
  return {
    at,
    value: { id: `zendesk/macro/${parsed.data.id}`, kind: 'template', title, body, tags: ['zendesk-macro', ...category] },
  };
}

/** The reply a macro adds: its HTML comment if it has one, else its plain one; null when neither. */
function replyText(actions: readonly unknown[]): string | null {
  let html: string | null = null;
  let plain: string | null = null;
  for (const raw of actions) {
    const action = ActionSchema.safeParse(raw);
    if (!action.success) continue;
    const text = actionText(action.data.value);
    if (text === null) continue;
    if (action.data.field === 'comment_value_html') html ??= text;
    else if (action.data.field === 'comment_value') plain ??= text;
  }
  return html ?? plain;
}

/** `"text"` or Zendesk's older `["channel:all", "text"]`; anything else is not reply text. */
function actionText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return value[1];
  return null;
}
