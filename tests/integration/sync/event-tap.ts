/**
 * A fetch for sync clients that counts `/v1/changes` requests and lets a test rewrite, drop or
 * hold back the events of `/v1/events` (each event is a block ending in a blank line). Held
 * events are delivered together, in one chunk, when released: a burst as the network gives it.
 */
export interface EventTap {
  fetch: typeof fetch;
  /** `/v1/changes` requests so far, and their URLs. */
  readonly pulls: number;
  readonly pullUrls: string[];
  /** Event blocks held back so far. */
  readonly held: number;
  /** Every event block the client was given. */
  readonly delivered: string[];
  /** Rewrites an event before delivery; return null to drop it. */
  rewrite: (block: string) => string | null;
  hold(): void;
  release(): void;
}

export function eventTap(): EventTap {
  let pulls = 0;
  const pullUrls: string[] = [];
  let held: string[] | null = null;
  const delivered: string[] = [];
  const outputs = new Set<ReadableStreamDefaultController<Uint8Array>>();
  const encoder = new TextEncoder();
  const deliver = (blocks: string[]) => {
    if (blocks.length === 0) return;
    delivered.push(...blocks);
    const bytes = encoder.encode(blocks.join(''));
    for (const out of outputs) out.enqueue(bytes);
  };
  const tap: EventTap = {
    get pulls() {
      return pulls;
    },
    pullUrls,
    get held() {
      return held?.length ?? 0;
    },
    delivered,
    rewrite: (block) => block,
    hold() {
      held = [];
    },
    release() {
      const blocks = held ?? [];
      held = null;
      deliver(blocks);
    },
    fetch: async (input, init) => {
      const url = String(input);
      if (url.includes('/v1/changes')) {
        pulls += 1;
        pullUrls.push(url);
      }
      const res = await fetch(input, init);
      if (!url.includes('/v1/events') || !res.body) return res;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          controller = c;
          outputs.add(c);
        },
        cancel() {
          outputs.delete(controller);
          void reader.cancel();
        },
      });
      void (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
          let end: number;
          const blocks: string[] = [];
          while ((end = text.indexOf('\n\n')) >= 0) {
            const block = tap.rewrite(text.slice(0, end + 2));
            text = text.slice(end + 2);
            if (block !== null) blocks.push(block);
          }
          if (held) held.push(...blocks);
          else deliver(blocks);
        }
        outputs.delete(controller);
        controller.close();
      })().catch((error: unknown) => {
        outputs.delete(controller);
        controller.error(error);
      });
      return new Response(body, { status: res.status, headers: res.headers });
    },
  };
  return tap;
}

/** The seq an event block announces, or null for comments and other blocks. */
export function seqOf(block: string): number | null {
  const data = /^data: (.*)$/m.exec(block)?.[1];
  if (!data) return null;
  const seq = (JSON.parse(data) as { seq?: unknown }).seq;
  return typeof seq === 'number' ? seq : null;
}
