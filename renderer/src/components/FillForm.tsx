import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { TemplateVariable } from '../../../common/ipc-contract';
import { valuesWithMarkers } from '../../../common/templates/field-markers';
import { api, call, describeError } from '../api';
import { useRenderedReply } from '../hooks/useRenderedReply';
import { hasPrimaryModifier, primaryKeyLabel } from '../lib/platform';
import { AdjustReply } from './AdjustReply';
import { ReplyPreview } from './ReplyPreview';
import { VariableField } from './VariableField';

export interface TemplateTarget {
  id: string;
  locale: string;
  title: string;
}

interface Props {
  template: TemplateTarget;
  variables: TemplateVariable[];
  busy: boolean;
  /** Resolves with an error message when the reply could not be inserted; `adjustedText` is what the agent made of it. */
  onInsert: (values: Record<string, string>, adjustedText?: string) => Promise<string | null>;
  /** `adjustedText`: copy the reply as the agent adjusted it ("Adjust before insert"). */
  onCopy: (values: Record<string, string>, adjustedText?: string) => void;
  onOpenLink: (url: string) => void;
}

function initialValues(variables: TemplateVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.prefill?.value ?? variable.defaultValue ?? '']));
}

/**
 * Fills a template's variables. Enter moves to the next field and inserts from the last one;
 * Ctrl+Enter inserts from anywhere; Ctrl+Shift+Enter opens "Adjust before insert"; Esc (handled by
 * the app) goes back to the results. A value prefilled from the agent's context is never inserted
 * unseen: until the agent has been in its field, inserting takes them there first.
 */
export function FillForm({ template, variables, busy, onInsert, onCopy, onOpenLink }: Props) {
  const [values, setValues] = useState(() => initialValues(variables));
  const shown = useMemo(() => valuesWithMarkers(variables, values), [variables, values]);
  const reply = useRenderedReply(template.id, template.locale, shown);
  const formRef = useRef<HTMLFormElement>(null);
  const [insertError, setInsertError] = useState<string | null>(null);
  const [adjusting, setAdjusting] = useState<string | null>(null);
  // Prefilled fields the agent has not been in yet; the first field's autofocus does not count.
  const [unseen, setUnseen] = useState(() => new Set(variables.filter((v) => v.prefill).map((v) => v.name)));
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
  }, []);

  const fields = () => Array.from(formRef.current?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-variable]') ?? []);
  const seen = (name: string) =>
    setUnseen((previous) => {
      if (!previous.has(name)) return previous;
      const next = new Set(previous);
      next.delete(name);
      return next;
    });

  /** False (and the agent taken to it) while a prefilled value is still unseen. */
  const prefillsSeen = (): boolean => {
    const pending = variables.find((v) => unseen.has(v.name) && v.prefill?.value === values[v.name]);
    if (!pending) return true;
    seen(pending.name);
    setInsertError(`Check “${pending.label}”: it was filled in from ${pending.prefill?.source === 'selection' ? 'your selection' : 'the clipboard'}. Then insert again.`);
    fields().find((field) => field.dataset.variable === pending.name)?.focus();
    return false;
  };

  const failed = (failure: string | null) => {
    setInsertError(failure);
    // Usually a value is missing: take the agent straight to the first empty field.
    if (failure && adjusting === null) fields().find((field) => field.value.trim() === '')?.focus();
  };

  const insert = async () => {
    if (busy) return;
    if (adjusting !== null) return failed(await onInsert(values, adjusting));
    if (!prefillsSeen()) return;
    failed(await onInsert(values));
  };

  const adjust = async () => {
    if (busy || adjusting !== null || !prefillsSeen()) return;
    const rendered = await call(() => api().renderTemplate({ id: template.id, locale: template.locale, values }));
    if (!rendered.ok) return failed(describeError(rendered.error));
    setInsertError(null);
    setAdjusting(rendered.value.text);
  };

  const returning = useRef(false);
  const backToFields = () => {
    returning.current = true;
    setAdjusting(null);
    setInsertError(null);
  };
  // Back from "Adjust before insert": the agent continues in the first field.
  useEffect(() => {
    if (adjusting !== null || !returning.current) return;
    returning.current = false;
    formRef.current?.querySelector<HTMLElement>('[data-variable]')?.focus();
  }, [adjusting]);

  // In "Adjust before insert", Copy takes the text as adjusted.
  const copy = () => (adjusting === null ? onCopy(values) : onCopy(values, adjusting));

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Escape' && adjusting !== null) {
      event.preventDefault(); // the app's Esc would go back to the results
      backToFields();
      return;
    }
    if (event.key === 'Enter' && hasPrimaryModifier(event)) {
      event.preventDefault();
      void (event.shiftKey && adjusting === null ? adjust() : insert());
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && target.tagName === 'INPUT' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const all = fields();
      const index = all.indexOf(target as HTMLInputElement);
      if (index >= 0 && index < all.length - 1) all[index + 1]?.focus();
      else void insert();
      return;
    }
    if (hasPrimaryModifier(event) && event.code === 'KeyC' && !event.shiftKey && !event.altKey) {
      const field = target as HTMLInputElement;
      const hasTextSelection = typeof field.selectionStart === 'number' && field.selectionStart !== field.selectionEnd;
      if (!hasTextSelection) {
        event.preventDefault();
        copy();
      }
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void insert();
  };

  const error = insertError && (
    <p className="error" role="alert">
      {insertError}
    </p>
  );

  return (
    <div className={adjusting === null ? 'fill' : 'fill fill-adjusting'}>
      <form ref={formRef} className="fill-form" aria-labelledby="cuecard-fill-heading" onKeyDown={onKeyDown} onSubmit={onSubmit} noValidate>
        <h2 id="cuecard-fill-heading" className="view-title">
          {template.title}
        </h2>
        {adjusting !== null ? (
          <>
            <AdjustReply text={adjusting} onChange={setAdjusting} onBack={backToFields} onCopy={copy} />
            {error}
          </>
        ) : (
          <>
            <p className="hint">
              Fill in the details. <kbd>Enter</kbd> on the last field or <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> inserts,{' '}
              <kbd>{primaryKeyLabel}</kbd>+<kbd>Shift</kbd>+<kbd>Enter</kbd> adjusts the reply first, <kbd>Esc</kbd> goes back.
            </p>
            {variables.map((variable, index) => (
              <VariableField
                key={variable.name}
                variable={variable}
                value={values[variable.name] ?? ''}
                autoFocus={index === 0}
                onFocus={() => mounted.current && seen(variable.name)}
                onChange={(value) => {
                  seen(variable.name);
                  setValues((previous) => ({ ...previous, [variable.name]: value }));
                }}
              />
            ))}
            {error}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {busy ? 'Inserting…' : 'Insert reply'}
              </button>
              <button type="button" aria-keyshortcuts={`${primaryKeyLabel === 'Ctrl' ? 'Control' : 'Meta'}+Shift+Enter`} onClick={() => void adjust()}>
                Adjust before insert
              </button>
              <button type="button" onClick={copy}>
                Copy
              </button>
            </div>
          </>
        )}
      </form>
      {adjusting === null && <ReplyPreview state={reply} onOpenLink={onOpenLink} />}
    </div>
  );
}
