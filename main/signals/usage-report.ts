/**
 * Settings → "What Cuecard reports" (issue #18): every count waiting to be sent, each with the
 * JSON it leaves as (signal-sender.ts's itemAsSent, the one rule for what leaves), and the edits
 * still held while the agent may report a later edit of the same reply.
 */
import type { UsageReportView } from '../../common/ipc-contract';
import type { SignalItem } from '../../common/signals/signal-protocol';
import { itemAsSent } from './signal-sender';
import type { SignalStore } from './signal-store';

type ReportItem = UsageReportView['items'][number];

function row(item: SignalItem, queryTextAllowed: boolean, waiting: boolean): ReportItem {
  return {
    day: item.day,
    kind: item.kind,
    key: item.key,
    locale: item.locale,
    n: item.n,
    queryText: item.queryText ?? null,
    waiting,
    ratioSum: item.ratioSum ?? null,
    heldUntil: null,
    sentAs: JSON.stringify(itemAsSent(item, queryTextAllowed)),
  };
}

export async function usageReportView(store: SignalStore, enabled: boolean, queryTextAllowed: boolean): Promise<UsageReportView> {
  const { counted, batches, held } = await store.pending();
  const heldRows = held.map((edit): ReportItem => {
    const item: SignalItem = { day: edit.day, kind: 'edited', key: edit.key, locale: edit.locale, n: 1, ratioSum: edit.ratio };
    return { ...row(item, queryTextAllowed, false), heldUntil: edit.releaseAt };
  });
  return {
    enabled,
    queryTextSent: queryTextAllowed,
    items: [
      ...batches.flatMap((b) => b.items.map((item) => row(item, queryTextAllowed, true))),
      ...counted.map((item) => row(item, queryTextAllowed, false)),
      ...heldRows,
    ],
  };
}
