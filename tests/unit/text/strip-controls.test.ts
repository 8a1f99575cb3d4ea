import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, escapeHtml } from '../../../common/text/html-entities';
import { stripInvisibleControls } from '../../../common/text/strip-controls';

describe('stripInvisibleControls', () => {
  it('removes bidi overrides, embeddings and isolates', () => {
    const spoofed = 'invoice_\u202egpj.exe \u202aa\u202c \u2066b\u2069 \u2067c\u2068d\u2069 \u061ce';
    expect(stripInvisibleControls(spoofed)).toBe('invoice_gpj.exe a b cd e');
  });

  it('removes zero-width spaces, marks, word joiners, invisible operators and BOMs', () => {
    const hidden = 'pa\u200bss\u200eword\u200f \u2060x\u2061\u2062\u2063\u2064y \ufeffz soft\u00adhyphen';
    expect(stripInvisibleControls(hidden)).toBe('password xy z softhyphen');
  });

  it('removes Unicode tag characters used to smuggle hidden text', () => {
    const smuggled = 'ok\u{e0001}\u{e0069}\u{e0067}\u{e006e}\u{e007f}';
    expect(stripInvisibleControls(smuggled)).toBe('ok');
  });

  it('removes C0/C1 control codes but keeps tabs and newlines, normalising line endings', () => {
    expect(stripInvisibleControls('a\u0000b\u001b[31mc\u0085d\te\r\nf\rg\u2028h\u2029i')).toBe('ab[31mcd\te\nf\ng\nh\ni');
  });

  it('removes a zero-width joiner/non-joiner that sits outside words', () => {
    expect(stripInvisibleControls('\u200dstart end\u200c \u200d \u200cx')).toBe('start end  x');
  });

  it('keeps ZWNJ inside Persian words and ZWJ inside emoji sequences', () => {
    const persian = 'می\u200cخواهم';
    const family = '👩\u200d👩\u200d👧';
    const profession = '🧑🏽\u200d💻';
    expect(stripInvisibleControls(persian)).toBe(persian);
    expect(stripInvisibleControls(family)).toBe(family);
    expect(stripInvisibleControls(profession)).toBe(profession);
  });

  it('leaves ordinary text in any script alone', () => {
    const text = 'Grüße, 你好, مرحبا, שלום — “quotes” … 🎉\n\tindented';
    expect(stripInvisibleControls(text)).toBe(text);
  });

  it('keeps visible Arabic number signs', () => {
    expect(stripInvisibleControls('\u0600١٢')).toBe('\u0600١٢');
  });
});

describe('html entities', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('decodes named and numeric entities, leaving unknown names and prototype keys as written', () => {
    expect(decodeHtmlEntities('&amp;&lt;&#115;&#x73;&nbsp;&hellip;&bogus;&constructor;&#0;')).toBe(
      '&<ss\u00a0…&bogus;&constructor;\ufffd',
    );
  });
});
