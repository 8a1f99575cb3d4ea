/** The benchmarks' verdicts: a missed goal (or a missing figure) is reported and fails the bench. */
import { describe, expect, it } from 'vitest';
import { answersGoals, overlayGoals, reportGoals, searchGoals, syncGoals } from '../../bench/goals';

function verdict(goals: Parameters<typeof reportGoals>[0]): { met: boolean; lines: string[] } {
  const lines: string[] = [];
  const met = reportGoals(goals, (line) => lines.push(line));
  return { met, lines };
}

const SEARCH_OK = { p95_ms: 1.6, fts5_p95_ms: 324, cold_start_s: 0.15, update_ms: 2, build_s: 15.3, rss_mb: 321 };

describe('benchmark goals', () => {
  it('passes the search bench when every figure is within its goal', () => {
    expect(verdict(searchGoals(SEARCH_OK))).toEqual({ met: true, lines: ['goals met'] });
  });

  it('fails the search bench on one missed goal and names it with its figure', () => {
    expect(verdict(searchGoals({ ...SEARCH_OK, p95_ms: 8.547, fts5_p95_ms: 20 }))).toEqual({
      met: false,
      lines: [
        'GOALS NOT MET (as-you-type p95 ≤ 8 ms and ≤ FTS5 p95 / 3, cold start ≤ 1 s, update ≤ 20 ms, build ≤ 30 s, RSS ≤ 500 MB)',
        '  missed: as-you-type p95 8.547 ms (goal ≤ 8 ms)',
        '  missed: FTS5 p95 20 ms (goal ≥ 3 × as-you-type p95 = 25.641 ms)',
      ],
    });
  });

  it('checks the answers bench’s p95 and errors', () => {
    expect(verdict(answersGoals({ answers_p50_ms: 4, answers_p95_ms: 19.5, rps: 900, errors: 0 }))).toEqual({ met: true, lines: ['goals met'] });
    expect(verdict(answersGoals({ answers_p50_ms: 150, answers_p95_ms: 3144, rps: 70, errors: 2 }))).toEqual({
      met: false,
      lines: ['GOALS NOT MET (GET /v1/answers p95 ≤ 20 ms, no errors)', '  missed: answers p95 3144 ms (goal ≤ 20 ms)', '  missed: errors 2 (goal 0)'],
    });
  });

  it('fails on a figure the bench did not produce', () => {
    const { rss_mb: _dropped, ...withoutRss } = SEARCH_OK;
    expect(verdict(searchGoals(withoutRss)).lines).toEqual([expect.stringContaining('GOALS NOT MET'), '  missed: RSS NaN MB (goal ≤ 500 MB)']);
  });

  it('keeps the sync verdict line and skips the full-sync goal only when it was skipped', () => {
    const live = { full_sync_s: NaN, propagation_p50_ms: 153, propagation_p95_ms: 488, missed: 0 };
    expect(verdict(syncGoals(live, true))).toEqual({ met: true, lines: ['goals met'] });
    expect(verdict(syncGoals(live, false))).toEqual({
      met: false,
      lines: ['GOALS NOT MET (100k ≤ 20 s, p50 ≤ 300 ms, p95 ≤ 800 ms, nothing missed)', '  missed: full sync NaN s (goal ≤ 20 s)'],
    });
    expect(verdict(syncGoals({ ...live, full_sync_s: 19.9, propagation_p95_ms: 800 }, false))).toEqual({ met: true, lines: ['goals met'] });
    expect(verdict(syncGoals({ ...live, full_sync_s: 22.46, propagation_p95_ms: 801, missed: 2 }, false)).lines).toEqual([
      'GOALS NOT MET (100k ≤ 20 s, p50 ≤ 300 ms, p95 ≤ 800 ms, nothing missed)',
      '  missed: full sync 22.46 s (goal ≤ 20 s)',
      '  missed: propagation p95 801 ms (goal ≤ 800 ms)',
      '  missed: changes missed 2 (goal 0)',
    ]);
  });

  it('fails the overlay bench above two frames per keystroke', () => {
    expect(verdict(overlayGoals({ keystroke_p95_ms: 33, show_to_paint_ms: 50 })).met).toBe(true);
    expect(verdict(overlayGoals({ keystroke_p95_ms: 52, show_to_paint_ms: 12 }))).toEqual({
      met: false,
      lines: ['GOALS NOT MET (keystroke → paint p95 ≤ 33 ms, show → paint ≤ 50 ms)', '  missed: keystroke → results painted p95 52 ms (goal ≤ 33 ms)'],
    });
  });
});
