import { describe, expect, it } from 'vitest';
import { verifyPage } from '../../../main/sync/verify-page';
import { wireEntry as entry } from '../../helpers/wire-entry';

const up = (seq: number, id = `e${seq}`) => ({ seq, op: 'upsert', id, locale: 'en', entry: entry(id) });
const page = (after: number, items: unknown[], extra: Record<string, unknown> = {}) => {
  const last = items.length > 0 ? (items[items.length - 1] as { seq: number }).seq : after;
  return { epoch: 'E', after, latestSeq: last, items, nextCursor: last, hasMore: false, ...extra };
};

describe('verifyPage', () => {
  it('accepts a contiguous page after the cursor', () => {
    const p = verifyPage(page(5, [up(6), { seq: 7, op: 'remove', id: 'e6', locale: 'en' }, up(8)]), { after: 5, epoch: 'E' });
    expect(p.nextCursor).toBe(8);
  });

  it('accepts an empty page when the client is up to date, and a first page from any epoch', () => {
    expect(verifyPage(page(9, [], { latestSeq: 9 }), { after: 9, epoch: 'E' }).items).toEqual([]);
    expect(verifyPage(page(0, [up(1)], { epoch: 'NEW' }), { after: 0, epoch: 'E' }).epoch).toBe('NEW');
  });

  it.each([
    ['a gap inside the page', page(5, [up(6), up(8)]), /sequence gap: items.1 has seq 8, expected 7/],
    ['a first seq past the cursor', page(5, [up(7)]), /sequence gap: items.0 has seq 7, expected 6/],
    ['a replayed seq', page(5, [up(5)]), /items.0 has seq 5, expected 6/],
    ['a page for another cursor', page(4, [up(5)]), /answered for cursor 4, not 5/],
    ['an empty page while the server has more', page(5, [], { latestSeq: 9 }), /sequence gap: the server has changes up to 9/],
    ['an emptied log', page(5, [], { latestSeq: 0 }), /log was reset; local data kept/],
    ['another epoch', page(5, [up(6)], { epoch: 'OTHER' }), /not the one this client synced from/],
    ['a wrong nextCursor', page(5, [up(6)], { nextCursor: 9, latestSeq: 9 }), /nextCursor 9, expected 6/],
    ['an unknown op', page(5, [{ seq: 6, op: 'nuke', id: 'a', locale: 'en' }]), /malformed page.*items.0.op/],
    ['not an object', 'hello', /malformed page/],
  ])('refuses %s', (_label, raw, message) => {
    expect(() => verifyPage(raw, { after: 5, epoch: 'E' })).toThrow(message);
  });

  it.each([
    ['an entry under another id', { ...up(7), entry: entry('x') }, 'entry does not match its id/locale'],
    ['a bad field', { ...up(7), entry: { ...entry('e7'), version: -1 } }, 'entry.version: Too small: expected number to be >=0'],
    ['a lone surrogate in the id', up(7, 'e7\udc00'), 'id is not well-formed Unicode (it contains a lone surrogate)'],
    ['a NUL in a tag', { ...up(7), entry: { ...entry('e7'), tags: ['a\u0000'] } }, 'entry.tags.0 contains a NUL character'],
    ['a lone surrogate in a removal', { seq: 7, op: 'remove', id: '\ud800', locale: 'en' }, 'id is not well-formed Unicode (it contains a lone surrogate)'],
  ])('skips and counts %s, keeping the items around it', (_label, bad, reason) => {
    const p = verifyPage(page(5, [up(6), bad, up(8)]), { after: 5, epoch: 'E' });
    expect(p.items.map((item) => item.seq)).toEqual([6, 8]);
    expect(p.skipped.map((item) => ({ seq: item.seq, reason: item.reason }))).toEqual([{ seq: 7, reason }]);
    expect(p.nextCursor).toBe(8);
  });
});
