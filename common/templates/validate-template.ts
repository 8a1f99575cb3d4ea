import type { Liquid } from 'liquidjs';
import { createLiquidEngine } from './liquid-engine';
import { fieldsOfTemplate } from './template-fields';

export type TemplateValidation = { ok: true } | { ok: false; message: string };

let sharedEngine: Liquid | undefined;
function engine(): Liquid {
  sharedEngine ??= createLiquidEngine();
  return sharedEngine;
}

/**
 * Turns LiquidJS's `..., line:3, col:7` suffix into words an author understands, and drops the
 * source excerpt/stack LiquidJS appends on later lines.
 */
export function describeLiquidError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const firstLine = (raw.split('\n')[0] ?? '').trim();
  const located = /^(.*?),\s*line:(\d+),\s*col:(\d+)$/.exec(firstLine);
  if (located) return `${located[1]} (line ${located[2]}, column ${located[3]})`;
  return firstLine || 'the template could not be read';
}

/**
 * Checks that a template body parses under the same strict settings the app renders with.
 * Used by the server and the CLI to refuse publishing a broken template.
 */
export function validateTemplateBody(body: string): TemplateValidation {
  try {
    // The fields too: a `{% prefill %}` naming no variable of the template is refused at publish.
    fieldsOfTemplate(engine(), engine().parse(body));
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeLiquidError(error) };
  }
}

/** The line and column `describeLiquidError` put into a message, for the editor to point at. */
export function liquidErrorPosition(message: string): { line: number | null; column: number | null } {
  const found = /\(line (\d+), column (\d+)\)/.exec(message);
  return found ? { line: Number(found[1]), column: Number(found[2]) } : { line: null, column: null };
}
