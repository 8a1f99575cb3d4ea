/**
 * Removes characters that can hide or reorder text in a reply: bidi overrides/embeddings/isolates,
 * zero-width spaces and marks, word joiners, invisible operators, byte-order marks, Unicode tag
 * characters ("ASCII smuggling") and C0/C1 control codes. A reply that looks harmless in the
 * overlay must paste as exactly what the agent saw.
 *
 * Kept on purpose:
 * - `\n` and `\t` (CRLF, lone CR, U+2028 and U+2029 become `\n`, so the text is one newline style);
 * - ZWNJ (U+200C) and ZWJ (U+200D) when they sit between two letters/marks/emoji: there they are
 *   part of spelling (Persian, Indic scripts) or of an emoji sequence, hide nothing and cannot
 *   reorder text. Anywhere else they are removed like the rest of U+200B–U+200F;
 * - the visible Arabic/Syriac number-sign format characters (U+0600–U+0605, U+06DD, U+070F,
 *   U+0890–U+0891, U+08E2, U+110BD, U+110CD), which render as glyphs.
 */

const VISIBLE_FORMAT_CHARS = /[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u{110bd}\u{110cd}]/u;
const JOINER_CONTEXT = /[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;

// \p{Cf} covers bidi controls, zero-width characters, word joiner, invisible operators, BOM,
// soft hyphen, interlinear annotations and tag characters. \p{Cc} is C0/C1 (tab and newline kept below).
const CANDIDATES = /[\p{Cf}\p{Cc}]/gu;

export function stripInvisibleControls(input: string): string {
  const text = input.replace(/\r\n?|[\u2028\u2029]/g, '\n');
  return text.replace(CANDIDATES, (char, offset: number) => {
    if (char === '\n' || char === '\t' || VISIBLE_FORMAT_CHARS.test(char)) return char;
    if (char === '\u200c' || char === '\u200d') {
      const before = previousCodePoint(text, offset);
      const after = String.fromCodePoint(text.codePointAt(offset + 1) ?? 0);
      if (JOINER_CONTEXT.test(before) && JOINER_CONTEXT.test(after)) return char;
    }
    return '';
  });
}

function previousCodePoint(text: string, offset: number): string {
  if (offset === 0) return '';
  const low = text.charCodeAt(offset - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? offset - 2 : offset - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}
