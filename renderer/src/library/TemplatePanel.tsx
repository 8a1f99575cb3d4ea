import { useEffect, useState } from 'react';
import type { TemplateVariable } from '../../../common/ipc-contract';
import type { TemplateCheck } from '../../../common/library-contract';
import { RichContent } from '../components/RichContent';
import { api } from '../api';
import { libraryApi } from './library-api';

/** How an agent's app fills one `{% prefill %}` field (issue #18), in words. */
export function prefillDescription(variable: TemplateVariable): string | null {
  const context = variable.context;
  if (!context) return null;
  const source = context.from === 'selection' ? 'the text the agent had selected' : 'the clipboard';
  return context.pattern === null ? `${source}, whole` : `${source}, the first match of the pattern ${context.pattern}`;
}

/**
 * What agents get pre-filled (the template's `{% prefill %}` declarations), read-only: only
 * agents who turned on "Fill template fields from what I copied or selected" get it, highlighted
 * for them to check before inserting.
 */
function PrefillDeclarations({ variables }: { variables: TemplateVariable[] }) {
  const declared = variables.filter((v) => v.context);
  if (declared.length === 0) return null;
  return (
    <section aria-labelledby="prefill-heading">
      <h3 className="section-heading" id="prefill-heading">
        Filled from the agent’s context
      </h3>
      <ul className="prefills">
        {declared.map((v) => (
          <li key={v.name}>
            {v.label} <code>{v.name}</code>: {prefillDescription(v)}
          </li>
        ))}
      </ul>
      <p className="muted">
        Only for agents who turned this on in their settings; the value is highlighted for them to check before inserting, never
        inserted unseen.
      </p>
    </section>
  );
}

/**
 * For templates: the Liquid check as the lead types (with the line and column of an error), the
 * variables found, sample values to fill in and the live preview — rendered by main's render
 * worker, the code the overlay inserts with.
 */
export function TemplatePanel({ body, onError }: { body: string; onError: (check: TemplateCheck | null) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [check, setCheck] = useState<TemplateCheck | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      void libraryApi()
        .checkTemplate({ body, values })
        .then((answer) => {
          if (!current || !answer.ok) return;
          setCheck(answer.value);
          onError(answer.value);
        });
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, values, onError]);

  if (!check) return <section className="template-panel" aria-label="Template" aria-busy="true" />;
  return (
    <section className="template-panel" aria-label="Template">
      {!check.ok ? (
        <p className="error" role="alert" id="template-error">
          {check.line !== null ? `Line ${check.line}, column ${check.column}: ` : ''}
          {check.message}
        </p>
      ) : (
        <p className="ok-note" role="status">
          The template parses.
        </p>
      )}
      {check.ok && (
        <>
          <h3 className="section-heading">Variables</h3>
          {check.variables.length === 0 ? (
            <p className="muted">No variables.</p>
          ) : (
            <ul className="variables">
              {check.variables.map((v) => (
                <li key={v.name}>
                  <label className="field">
                    <span>
                      {v.label} <code>{v.name}</code>
                    </span>
                    <input value={values[v.name] ?? ''} placeholder={v.defaultValue ?? 'sample value'} onChange={(e) => setValues((all) => ({ ...all, [v.name]: e.target.value }))} />
                  </label>
                </li>
              ))}
            </ul>
          )}
          <PrefillDeclarations variables={check.variables} />
          <h3 className="section-heading">Preview</h3>
          {check.previewError && <p className="muted">{check.previewError}</p>}
          {check.preview &&
            (check.preview.html !== null ? (
              <RichContent className="reply-body preview-box" html={check.preview.html} onOpenLink={(url) => void api().openLink({ url })} />
            ) : (
              <pre className="reply-body reply-text preview-box" aria-label="Preview">
                {check.preview.text}
              </pre>
            ))}
        </>
      )}
    </section>
  );
}
