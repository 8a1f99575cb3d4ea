/**
 * The text a result snippet is cut from: what the agent will read, not its source. Template
 * variables become the `[Field]` markers the preview shows (or their literal default), Liquid tags
 * go, and Markdown markers (`## `, `- `, `**`, link targets) are dropped. A light line-based pass
 * rather than the Markdown parser: it runs for every hit on every keystroke, on at most the part
 * of the body a snippet can come from.
 */
import type { EntryKind } from '../common/knowledge';
import { labelForVariable } from '../common/templates/variable-names';

/** Bodies are scanned this far for a snippet (common/search/highlight.ts scans 20,000 characters). */
const MAX_SOURCE = 24_000;

const LIQUID_LITERAL = /\{\{-?\s*(?:"([^"]*)"|'([^']*)')\s*-?\}\}/g;
const LIQUID_OUTPUT = /\{\{-?\s*([^{}]*?)\s*-?\}\}/g;
const LIQUID_TAG = /\{%-?[^%]*?-?%\}/g;
const VARIABLE = /^([A-Za-z_][\w.[\]-]*)([\s\S]*)$/;
const DEFAULT_LITERAL = /^\|\s*default\s*:\s*(?:"([^"]*)"|'([^']*)')/;

function outputText(inner: string): string {
  const variable = VARIABLE.exec(inner);
  const filters = (variable?.[2] ?? '').trim();
  if (!variable || (filters !== '' && !filters.startsWith('|'))) return '';
  const fallback = DEFAULT_LITERAL.exec(filters);
  if (fallback) return fallback[1] ?? fallback[2] ?? '';
  return `[${labelForVariable(variable[1] as string)}]`;
}

const isRule = (line: string): boolean => /^([-*_])\1{2,}$/.test(line.replace(/\s/g, ''));

function markdownLine(line: string): string {
  if (isRule(line)) return '';
  return line
    .replace(/^\s{0,3}#{1,6}\s+/, '') // headings
    .replace(/^\s{0,3}>\s?/, '') // quotes
    .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '') // list markers
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their label
    .replace(/(\*\*|__)(?=\S)([^*_]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]*?\S)[*_](?!\w)/g, '$1$2')
    .replace(/`+([^`]*)`+/g, '$1');
}

export function snippetSourceText(kind: EntryKind, body: string): string {
  let text = body.length > MAX_SOURCE ? body.slice(0, MAX_SOURCE) : body;
  if (kind === 'template') {
    text = text
      .replace(LIQUID_TAG, '')
      .replace(LIQUID_LITERAL, (_whole, double: string | undefined, single: string | undefined) => double ?? single ?? '')
      .replace(LIQUID_OUTPUT, (_whole, inner: string) => outputText(inner));
  }
  return text.split('\n').map(markdownLine).join('\n');
}
