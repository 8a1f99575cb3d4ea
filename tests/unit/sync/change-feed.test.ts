/** The server's change feed: one event per poke (or per burst), in seq order, with the page when it is small. */
import { describe, expect, it } from 'vitest';
import { ChangeFeed, type PageReader } from '../../../server/change-feed';
import { LocalPokeHub } from '../../../server/pokes';

/** A reader whose reads the test answers one by one, recording what was asked. */
function heldReader() {
  const asked: Array<[number, number, number]> = [];
  const waiting: Array<(page: { json: string; items: number }) => void> = [];
  const read: PageReader = (after, limit, budget) => {
    asked.push([after, limit, budget]);
    return new Promise((resolve) => waiting.push(resolve));
  };
  const answer = (json: string, items: number) => waiting.shift()?.({ json, items });
  return { read, asked, answer, pending: () => waiting.length };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('change feed', () => {
  it('sends one event per poke with the page, and folds pokes that came during a read into the next event', async () => {
    const pokes = new LocalPokeHub();
    const reader = heldReader();
    const feed = new ChangeFeed({ pokes, read: reader.read, epoch: 'E', latestSeq: 4, maxInlineBytes: 100 });
    const events: Array<[number, string]> = [];
    feed.subscribe((seq, data) => events.push([seq, data]));

    pokes.afterCommit(5);
    pokes.afterCommit(6); // during the read of 5
    pokes.afterCommit(8);
    expect(reader.asked).toEqual([[4, 1, 100]]);
    reader.answer('{"p":5}', 1);
    await flush();
    expect(reader.asked).toEqual([[4, 1, 100], [5, 3, 100]]); // 6 and 8 in one read
    reader.answer('{"p":"6-8"}', 3);
    await flush();
    expect(events).toEqual([
      [5, '{"seq":5,"epoch":"E","page":{"p":5}}'],
      [8, '{"seq":8,"epoch":"E","page":{"p":"6-8"}}'],
    ]);
    pokes.afterCommit(7); // an old poke (another instance's, late) changes nothing
    await flush();
    expect(reader.asked.length).toBe(2);
    feed.close();
  });

  it('sends a plain poke when the page is over the cap, stops short of the seq, or cannot be read', async () => {
    const pokes = new LocalPokeHub();
    const reader = heldReader();
    const errors: unknown[] = [];
    const feed = new ChangeFeed({ pokes, read: reader.read, epoch: 'E', latestSeq: 0, maxInlineBytes: 10, onError: (e) => errors.push(e) });
    const events: string[] = [];
    feed.subscribe((_seq, data) => events.push(data));
    pokes.afterCommit(1);
    reader.answer('{"long":"page"}', 1); // 15 bytes > 10
    await flush();
    pokes.afterCommit(3);
    reader.answer('{"p":2}', 1); // only seq 2 fitted: 3 must be pulled
    await flush();
    const failing = new ChangeFeed({ pokes, read: () => Promise.reject(new Error('db down')), epoch: 'E', latestSeq: 3, onError: (e) => errors.push(e) });
    const failed: string[] = [];
    failing.subscribe((_seq, data) => failed.push(data));
    pokes.afterCommit(4);
    reader.answer('{"p":4}', 1);
    await flush();
    expect(events).toEqual(['{"seq":1,"epoch":"E"}', '{"seq":3,"epoch":"E"}', '{"seq":4,"epoch":"E","page":{"p":4}}']);
    expect(failed).toEqual(['{"seq":4,"epoch":"E"}']);
    expect(errors.map(String)).toEqual(['Error: db down']);
    feed.close();
    failing.close();
  });

  it('does not read a commit of more than 32 changes (a bulk import): a plain poke', async () => {
    const pokes = new LocalPokeHub();
    const reader = heldReader();
    const feed = new ChangeFeed({ pokes, read: reader.read, epoch: 'E', latestSeq: 10 });
    const events: string[] = [];
    feed.subscribe((_seq, data) => events.push(data));
    pokes.afterCommit(43);
    await flush();
    pokes.afterCommit(75);
    reader.answer('{"p":"44-75"}', 32);
    await flush();
    expect(reader.asked).toEqual([[43, 32, 32 * 1024]]);
    expect(events).toEqual(['{"seq":43,"epoch":"E"}', '{"seq":75,"epoch":"E","page":{"p":"44-75"}}']);
    feed.close();
  });

  it('with inline changes off, reads nothing and sends plain pokes', async () => {
    const pokes = new LocalPokeHub();
    const reader = heldReader();
    const feed = new ChangeFeed({ pokes, read: reader.read, epoch: 'E', latestSeq: 0, inline: false });
    const events: string[] = [];
    feed.subscribe((_seq, data) => events.push(data));
    pokes.afterCommit(2);
    await flush();
    expect(events).toEqual(['{"seq":2,"epoch":"E"}']);
    expect(reader.asked).toEqual([]);
    feed.close();
  });
});
