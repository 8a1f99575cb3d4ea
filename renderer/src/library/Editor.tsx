import { useCallback, useEffect, useRef, useState, type ClipboardEvent } from 'react';
import type { EditorDraft, LibraryEntryView, TemplateCheck } from '../../../common/library-contract';
import type { LibraryRecord } from '../../../common/library-protocol';
import { hasPrimaryModifier, primaryKeyLabel } from '../lib/platform';
import { ask, libraryApi } from './library-api';
import { TemplatePanel } from './TemplatePanel';
import { WordDiff } from './WordDiff';
import { SelectField } from './SelectField';

export function draftOf(record: LibraryRecord): EditorDraft {
  return {
    id: record.id, locale: record.locale, kind: record.kind, title: record.title, body: record.body, tags: record.tags,
    urlOrPath: record.urlOrPath, owner: record.owner, verificationIntervalDays: record.verificationIntervalDays, baseVersion: record.version,
    // A draft is saved in place from the revision read; a save from an older one is a conflict.
    ...(record.state === 'draft' ? { baseRevision: record.revision } : {}),
  };
}

export function blankDraft(locale: string, from?: LibraryRecord): EditorDraft {
  return {
    id: from?.id ?? '', locale, kind: from?.kind ?? 'article', title: '', body: '', tags: from?.tags ?? [], urlOrPath: null,
    owner: '', verificationIntervalDays: 90, baseVersion: 0,
  };
}

interface Props {
  view: LibraryEntryView;
  /** The draft to start from (a local draft, the record, or a blank new entry). */
  initial: EditorDraft;
  isNew: boolean;
  /** The server's body limit (from the session). */
  maxBody: number;
  locales: string[];
  onSwitchLocale: (locale: string) => void;
  onChanged: (view: LibraryEntryView) => void;
  onMessage: (message: string, tone: 'info' | 'error') => void;
}

/**
 * Title, Body, kind, tags, owner, verification interval and the other languages beside it. Every
 * edit is kept in main at once (it survives closing the window); Ctrl+S saves a draft to the server.
 * The parent gives each opened entry its own `key`, so a new entry starts a fresh editor.
 */
export function Editor({ view, initial, isNew, maxBody, locales, onSwitchLocale, onChanged, onMessage }: Props) {
  const [draft, setDraft] = useState<EditorDraft>(initial);
  // A local draft opened again is unsaved work from the start.
  const [dirty, setDirty] = useState(view.localDraft !== null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<LibraryRecord | null>(null);
  const [templateBroken, setTemplateBroken] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  // Kept in main on every pause in typing, so closing the window loses nothing.
  // Not while a save or submission is under way: main keeps the edit itself first, and a keep
  // arriving after the server took it would bring back an "unsaved" copy of what was saved.
  useEffect(() => {
    if (!dirty || busy || draft.id.trim() === '') return;
    const timer = setTimeout(() => void ask(() => libraryApi().keepDraft(draft)), 300);
    return () => clearTimeout(timer);
  }, [draft, dirty, busy]);

  const edit = (change: Partial<EditorDraft>) => {
    setDraft((d) => ({ ...d, ...change }));
    setDirty(true);
  };

  const send = useCallback(
    async (how: 'saveDraft' | 'submit') => {
      const current = latest.current;
      setBusy(true);
      setProblem(null);
      const answer = await ask(() => libraryApi()[how](current));
      setBusy(false);
      if (answer.ok) {
        setDirty(false);
        setConflict(null);
        onChanged(answer.value);
        onMessage(how === 'submit' ? `Submitted "${current.title}" for review.` : `Saved a draft of "${current.title}".`, 'info');
        return;
      }
      if (answer.error.code === 'conflict') {
        const fresh = await ask(() => libraryApi().getEntry({ id: current.id, locale: current.locale }));
        if (fresh.ok && fresh.value.record) setConflict(fresh.value.record);
      }
      setProblem(answer.error.message);
    },
    [onChanged, onMessage],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (hasPrimaryModifier(event) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void send('saveDraft');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);

  // Rich text pasted into Body arrives as its plain text only.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    event.preventDefault();
    const text = event.clipboardData.getData('text/plain');
    const area = event.currentTarget;
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    edit({ body: area.value });
  };
  const onTemplateCheck = useCallback((check: TemplateCheck | null) => setTemplateBroken(check !== null && !check.ok), []);

  const record = view.record;
  const source = view.variants.find((v) => v.locale === record?.sourceLocale) ?? view.variants[0] ?? null;
  const over = draft.body.length > maxBody;
  const brokenTemplate = draft.kind === 'template' && templateBroken;

  return (
    <section className="editor" aria-label="Editor">
      <div className="editor-head">
        <h2>{isNew ? 'New entry' : draft.title || draft.id}</h2>
        {record && (
          <p className="muted">
            Version {record.version} · {record.state === 'approved' ? 'live' : record.state.replace('_', ' ')} · by {record.author}
            {record.staleTranslation && <span className="pill warn">Stale translation</span>}
            {record.reviewComment && record.state === 'draft' && <span className="review-comment"> Sent back: “{record.reviewComment}”</span>}
          </p>
        )}
        {dirty && <p className="muted">Unsaved changes — kept on this computer until saved.</p>}
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {conflict && (
        <section className="merge" aria-label="Merge">
          <h3 className="section-heading">Someone else saved version {conflict.version} while you edited</h3>
          <p>Nothing was overwritten. The words below go from their version to yours.</p>
          <WordDiff label="Their heading → yours" before={conflict.title} after={draft.title} />
          <WordDiff label="Their text → yours" before={conflict.body} after={draft.body} />
          <div className="actions">
            <button type="button" onClick={() => { setDraft({ ...draftOf(conflict) }); setDirty(true); setConflict(null); setProblem(null); }}>
              Use their version
            </button>
            <button type="button" onClick={() => { edit({ baseVersion: conflict.version, baseRevision: conflict.state === 'draft' ? conflict.revision : undefined }); setConflict(null); setProblem('Your text now builds on their version; save again to keep it.'); }}>
              Keep mine on top of theirs
            </button>
          </div>
        </section>
      )}
      <div className="editor-columns">
        <div className="editor-main">
          <div className="row">
            <label className="field">
              <span>Id</span>
              <input value={draft.id} readOnly={!isNew} onChange={(e) => edit({ id: e.target.value.trim() })} placeholder="refund-policy" />
            </label>
            <SelectField label="Locale" value={draft.locale} onChange={(v) => (isNew ? edit({ locale: v }) : onSwitchLocale(v))}>
              {locales.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </SelectField>
            <SelectField label="Kind" value={draft.kind} onChange={(v) => edit({ kind: v as EditorDraft['kind'] })}>
              <option value="article">Article</option>
              <option value="template">Template</option>
            </SelectField>
          </div>
          <label className="field">
            <span>Title</span>
            <input value={draft.title} onChange={(e) => edit({ title: e.target.value })} />
          </label>
          <label className="field">
            <span>Body</span>
            <textarea
              ref={bodyRef}
              value={draft.body}
              rows={8}
              spellCheck
              aria-invalid={over || brokenTemplate}
              aria-describedby={brokenTemplate ? 'template-error body-count' : 'body-count'}
              onChange={(e) => edit({ body: e.target.value })}
              onPaste={onPaste}
            />
          </label>
          <p id="body-count" className={over ? 'error' : 'muted'}>
            {draft.body.length.toLocaleString('en')} / {maxBody.toLocaleString('en')} characters{over ? ' — too long to save (the server’s limit)' : ''}
          </p>
          <div className="row">
            <label className="field grow">
              <span>Tags</span>
              <input value={draft.tags.join(', ')} onChange={(e) => edit({ tags: e.target.value.split(',').map((t) => t.trim()).filter((t, i, all) => t !== '' || i === all.length - 1) })} />
            </label>
            <label className="field">
              <span>Owner</span>
              <input value={draft.owner} onChange={(e) => edit({ owner: e.target.value })} placeholder="you" />
            </label>
            <label className="field">
              <span>Verify every (days)</span>
              <input type="number" min={1} max={3650} value={draft.verificationIntervalDays} onChange={(e) => edit({ verificationIntervalDays: Math.max(1, Math.min(3650, Number(e.target.value) || 1)) })} />
            </label>
          </div>
          <div className="actions">
            <button type="button" onClick={() => void send('saveDraft')} disabled={busy} aria-keyshortcuts={`${primaryKeyLabel}+S`}>
              Save draft
            </button>
            <button type="button" className="primary" onClick={() => void send('submit')} disabled={busy || brokenTemplate} title={brokenTemplate ? 'The template does not parse: fix it first.' : undefined}>
              Submit for review
            </button>
            {dirty && (
              <button type="button" onClick={() => { void ask(() => libraryApi().discardDraft({ id: draft.id, locale: draft.locale })); setDraft(view.record ? draftOf(view.record) : initial); setDirty(false); }}>
                Discard changes
              </button>
            )}
            <span className="muted">
              <kbd>{primaryKeyLabel}</kbd>+<kbd>S</kbd> saves a draft
            </span>
          </div>
          {draft.kind === 'template' && <TemplatePanel body={draft.body} onError={onTemplateCheck} />}
        </div>
        {source && (
          <aside className="editor-side" aria-label="Other languages">
            <h3 className="section-heading">
              {source.locale === record?.sourceLocale ? `Source (${source.locale})` : `Also in ${source.locale}`}
            </h3>
            <p className="side-title">{source.title}</p>
            <pre className="side-body">{source.body}</pre>
            <ul className="variant-list">
              {view.variants.map((v) => (
                <li key={v.locale}>
                  <button type="button" onClick={() => onSwitchLocale(v.locale)}>
                    {v.locale}: {v.title}
                  </button>
                  {v.staleTranslation && <span className="pill warn">Stale</span>}
                  {v.locale === v.sourceLocale && <span className="pill">Source</span>}
                </li>
              ))}
            </ul>
          </aside>
        )}
      </div>
    </section>
  );
}
