import { useMemo } from 'react';
import type { LibraryRow } from '../../../common/library-contract';
import { ReportsPanel } from './ReportsPanel';
import { SynonymsPanel } from './SynonymsPanel';
import type { ShowMessage } from './library-api';

/** The Library's tabs of issue #18, beside Entries and Review queue. */
export type InsightTab = 'reports' | 'synonyms';
export const INSIGHT_TABS: ReadonlyArray<{ tab: InsightTab; label: string }> = [
  { tab: 'reports', label: 'Reports' },
  { tab: 'synonyms', label: 'Synonyms' },
];

/** Reports or synonyms, full width; live entries' titles are offered as synonym targets. */
export function InsightsView({ tab, me, rows, onMessage }: { tab: InsightTab; me: string; rows: LibraryRow[]; onMessage: ShowMessage }) {
  const titles = useMemo(() => [...new Set(rows.filter((r) => r.state === 'approved').map((r) => r.title))].sort(), [rows]);
  return <div className="library-insights">{tab === 'reports' ? <ReportsPanel titles={titles} onMessage={onMessage} /> : <SynonymsPanel me={me} titles={titles} onMessage={onMessage} />}</div>;
}
