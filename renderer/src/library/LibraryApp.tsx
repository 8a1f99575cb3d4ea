import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SettingsView } from '../../../common/ipc-contract';
import type { EditorDraft, LibraryEntryView, LibraryRow, LibrarySession } from '../../../common/library-contract';
import { rowKey } from '../../../common/library-list';
import type { QueueItem } from '../../../common/review-protocol';
import { api } from '../api';
import { useTheme } from '../hooks/useTheme';
import { Editor, blankDraft, draftOf } from './Editor';
import { EntryList } from './EntryList';
import { ask, libraryApi, onLibraryEvent } from './library-api';
import { QueueView } from './QueueView';
import { ReviewPanel } from './ReviewPanel';
import { ApproverKeyPanel } from './ApproverKeyPanel';
import { ImportPanel } from './ImportPanel';
import { RetireEntry } from './RetireEntry';
import { UnsignedRetirements } from './UnsignedRetirements';
import { SelectField } from './SelectField';
import { INSIGHT_TABS, InsightsView, type InsightTab } from './InsightsView';

const COMMON_LOCALES = ['en', 'de', 'fr', 'es'];

/** `serial` remounts the editor for each opened entry (or each fresh answer of the server). */
type Opened = { view: LibraryEntryView; initial: EditorDraft; isNew: boolean; serial: number };
let serials = 0;
type Notice = { message: string; tone: 'info' | 'error' } | null;

/** The Library window: the list (or the review queue) on the left, the open entry on the right. */
export function LibraryApp() {
  const [session, setSession] = useState<LibrarySession | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [rows, setRows] = useState<LibraryRow[]>([]);
  const [tab, setTab] = useState<'entries' | 'queue' | 'key' | InsightTab>('entries');
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [theme, setTheme] = useState<SettingsView['theme'] | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  useTheme(theme);

  const say = useCallback((message: string, tone: 'info' | 'error') => setNotice({ message, tone }), []);
  const load = useCallback(
    async (refresh: boolean) => {
      const answer = await ask(() => libraryApi().load({ refresh }));
      if (answer.ok) setRows(answer.value.rows);
      else say(answer.error.message, 'error');
    },
    [say],
  );
  const start = useCallback(
    () =>
      ask(() => libraryApi().session(null)).then((who) => {
        if (!who.ok) return setBlocked(who.error.message);
        setBlocked(null);
        setSession(who.value);
        return load(true);
      }),
    [load],
  );

  useEffect(() => {
    void start();
    void api()
      .getSettings(null)
      .then((answer) => setTheme(answer.ok ? answer.value.theme : 'system'));
  }, [start]);

  const loadQueue = useCallback(
    () =>
      ask(() => libraryApi().queue(null)).then((answer) => {
        if (answer.ok) setQueue(answer.value.items);
        else say(answer.error.message, 'error');
      }),
    [say],
  );
  useEffect(() => {
    if (tab === 'queue' && session) void loadQueue();
  }, [tab, session, loadQueue]);

  // Live refresh: main says what other leads changed; the list (and the queue when shown) follow.
  const refreshed = useRef({ load, loadQueue, tab });
  useEffect(() => {
    refreshed.current = { load, loadQueue, tab };
  }, [load, loadQueue, tab]);
  useEffect(
    () =>
      onLibraryEvent((event) => {
        if (event.type !== 'changed') return;
        void refreshed.current.load(false);
        if (refreshed.current.tab === 'queue') void refreshed.current.loadQueue();
      }),
    [],
  );

  const open = useCallback(
    async (id: string, locale: string) => {
      setImporting(false);
      const answer = await ask(() => libraryApi().getEntry({ id, locale }));
      if (!answer.ok) return say(answer.error.message, 'error');
      const view = answer.value;
      const existing = rows.find((r) => r.id === id);
      const from = view.record ?? view.variants[0];
      const initial = view.localDraft ?? (view.record ? draftOf(view.record) : { ...blankDraft(locale, from), kind: existing?.kind ?? from?.kind ?? 'article' });
      setOpened({ view, initial, isNew: false, serial: (serials += 1) });
    },
    [rows, say],
  );
  const changed = useCallback(
    (view: LibraryEntryView) => {
      if (view.record) setOpened({ view, initial: draftOf(view.record), isNew: false, serial: (serials += 1) });
      void load(false);
      if (tab === 'queue') void loadQueue();
    },
    [load, loadQueue, tab],
  );
  // A retired locale leaves the list: the pane closes, the list and queue follow.
  const retired = useCallback(
    (view: LibraryEntryView) => (view.record ? changed(view) : (setOpened(null), void load(false))),
    [changed, load],
  );
  const locales = useMemo(() => [...new Set([...COMMON_LOCALES, ...rows.map((r) => r.locale)])].sort(), [rows]);

  if (blocked) {
    return (
      <main className="library blocked">
        <h1>Cuecard Library</h1>
        <p role="alert">{blocked}</p>
        <button type="button" onClick={() => void start()}>
          Try again
        </button>
      </main>
    );
  }
  return (
    <main className="library">
      <header className="library-head">
        <h1>Cuecard Library</h1>
        <nav aria-label="Views" className="tabs">
          <button type="button" aria-pressed={tab === 'entries'} onClick={() => setTab('entries')}>
            Entries
          </button>
          <button type="button" aria-pressed={tab === 'queue'} onClick={() => setTab('queue')}>
            Review queue
          </button>
          <button type="button" aria-pressed={tab === 'key'} onClick={() => setTab('key')}>
            Signing key
          </button>
          {INSIGHT_TABS.map((t) => (
            <button key={t.tab} type="button" aria-pressed={tab === t.tab} onClick={() => setTab(t.tab)}>
              {t.label}
            </button>
          ))}
        </nav>
        <button type="button" className="primary" onClick={() => (setImporting(false), setOpened({ view: { record: null, variants: [], localDraft: null }, initial: blankDraft('en'), isNew: true, serial: (serials += 1) }))}>
          New
        </button>
        <button type="button" aria-pressed={importing} onClick={() => setImporting(true)}>
          Import…
        </button>
        <button type="button" onClick={() => void (tab === 'queue' ? loadQueue() : load(true))}>
          Refresh
        </button>
        <SelectField className="inline" label="Theme" value={theme ?? 'system'} onChange={(v) => setTheme(v as SettingsView['theme'])}>
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </SelectField>
        {session && (
          <span className="muted who">
            {session.name} ({session.role}) · {session.serverUrl}
          </span>
        )}
      </header>
      {notice && (
        <p className={notice.tone === 'error' ? 'notice error' : 'notice'} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.message}
        </p>
      )}
      {(tab === 'reports' || tab === 'synonyms') && session ? (
        <InsightsView tab={tab} me={session.name} rows={rows} onMessage={say} />
      ) : (
      <div className="library-body">
        <div className="library-left">
          {tab === 'entries' ? (
            <EntryList rows={rows} selected={opened && !opened.isNew ? rowKey(opened.initial) : null} onOpen={(row) => void open(row.id, row.locale)} />
          ) : tab === 'queue' ? (
            <>
              <QueueView items={queue} onOpen={(item) => void open(item.id, item.locale)} />
              <UnsignedRetirements onMessage={say} />
            </>
          ) : (
            <ApproverKeyPanel onMessage={say} />
          )}
        </div>
        <div className="library-right">
          {importing && session ? (
            <ImportPanel session={session} onImported={() => void (load(true), tab === 'queue' && loadQueue())} onClose={() => setImporting(false)} />
          ) : opened ? (
            <>
              <Editor
                key={`${opened.serial}`}
                view={opened.view}
                maxBody={session?.maxBodyLength ?? 0}
                initial={opened.initial}
                isNew={opened.isNew}
                locales={locales}
                onSwitchLocale={(locale) => void open(opened.initial.id, locale)}
                onChanged={changed}
                onMessage={say}
              />
              {opened.view.record && session && (
                <ReviewPanel
                  record={opened.view.record}
                  me={session.name}
                  signatureProblem={signatureProblem(queue, opened.view.record)}
                  onChanged={changed}
                  onMessage={say}
                />
              )}
              {opened.view.record && session && (
                <RetireEntry key={`retire-${opened.serial}`} record={opened.view.record} variants={opened.view.variants} onRetired={retired} onMessage={say} />
              )}
            </>
          ) : (
            <p className="muted empty-pane">Open an entry from the list, or press New.</p>
          )}
        </div>
      </div>
      )}
    </main>
  );
}

/** Why agents refuse this entry's live version (the queue's `signature_invalid`), or null. */
function signatureProblem(queue: QueueItem[], record: { id: string; locale: string; version: number }): string | null {
  const item = queue.find((i) => i.reason === 'signature_invalid' && i.id === record.id && i.locale === record.locale && i.version === record.version);
  return item?.reason === 'signature_invalid' ? item.problem : null;
}
