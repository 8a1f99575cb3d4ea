/** The entry of the leads-loop stories: found by "refund", not by "money back" (no word of it in the text). */
import { publishLive, type TestServer } from '../server/test-server';

export function publishRefunds(t: TestServer): ReturnType<typeof publishLive> {
  return publishLive(t, {
    entries: [{ id: 'kb/refunds', locale: 'en', kind: 'article', title: 'Refunds for cancelled orders', body: 'We pay the amount within five days.', tags: [] }],
  });
}
