/** common/newest-only.ts: one request in flight, the newest input next, stale answers never delivered. */
import { describe, expect, it } from 'vitest';
import { NewestOnly } from '../../../common/newest-only';

/** A fake main: each request waits until the test answers it. */
function manualSender() {
  const sent: Array<{ input: string; answer: (output: string) => void; fail: () => void }> = [];
  const send = (input: string) =>
    new Promise<string>((resolve, reject) => {
      sent.push({ input, answer: resolve, fail: () => reject(new Error('bridge gone')) });
    });
  return { sent, send };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('NewestOnly', () => {
  it('sends only the newest of the inputs typed while a request is in flight, and delivers only its answer', async () => {
    const { sent, send } = manualSender();
    const delivered: string[] = [];
    const gate = new NewestOnly(send, (input: string, output: string) => delivered.push(`${input}→${output}`));
    gate.request('p', 'p');
    gate.request('pr', 'pr');
    gate.request('pri', 'pri');
    gate.request('prin', 'prin');
    expect(sent.map((s) => s.input)).toEqual(['p']);
    sent[0]!.answer('P');
    await settle();
    // 'p' is stale: not delivered; only the newest waiting input went out.
    expect(delivered).toEqual([]);
    expect(sent.map((s) => s.input)).toEqual(['p', 'prin']);
    sent[1]!.answer('PRIN');
    await settle();
    expect(delivered).toEqual(['prin→PRIN']);
  });

  it('never delivers an older answer after a newer one, and asks nothing again for the same input', async () => {
    const { sent, send } = manualSender();
    const delivered: string[] = [];
    const gate = new NewestOnly(send, (input: string, output: string) => delivered.push(`${input}→${output}`));
    gate.request('a', 'a');
    sent[0]!.answer('A');
    await settle();
    gate.request('a', 'a'); // the same input (a re-render): no second request
    expect(sent).toHaveLength(1);
    gate.request('ab', 'ab');
    gate.request('a', 'a'); // back to "a" while "ab" is in flight
    sent[1]!.answer('AB');
    await settle();
    expect(sent.map((s) => s.input)).toEqual(['a', 'ab', 'a']);
    sent[2]!.answer('A again');
    await settle();
    expect(delivered).toEqual(['a→A', 'a→A again']);
  });

  it('goes on after a failed request, and delivers nothing once cancelled', async () => {
    const { sent, send } = manualSender();
    const delivered: string[] = [];
    const gate = new NewestOnly(send, (input: string, output: string) => delivered.push(`${input}→${output}`));
    gate.request('x', 'x');
    gate.request('xy', 'xy');
    sent[0]!.fail();
    await settle();
    expect(sent.map((s) => s.input)).toEqual(['x', 'xy']);
    gate.cancel();
    sent[1]!.answer('XY');
    await settle();
    expect(delivered).toEqual([]);
  });
});
