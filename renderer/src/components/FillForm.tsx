import { useMemo, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { TemplateVariable } from '../../../common/ipc-contract';
import { valuesWithMarkers } from '../../../common/templates/field-markers';
import { useRenderedReply } from '../hooks/useRenderedReply';
import { hasPrimaryModifier, primaryKeyLabel } from '../lib/platform';
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
  /** Resolves with an error message when the reply could not be inserted. */
  onInsert: (values: Record<string, string>) => Promise<string | null>;
  onCopy: (values: Record<string, string>) => void;
  onOpenLink: (url: string) => void;
}

function initialValues(variables: TemplateVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.defaultValue ?? '']));
}

/**
 * Fills a template's variables. Enter moves to the next field and inserts from the last one;
 * Ctrl+Enter inserts from anywhere; Esc (handled by the app) goes back to the results.
 */
export function FillForm({ template, variables, busy, onInsert, onCopy, onOpenLink }: Props) {
  const [values, setValues] = useState(() => initialValues(variables));
  const shown = useMemo(() => valuesWithMarkers(variables, values), [variables, values]);
  const reply = useRenderedReply(template.id, template.locale, shown);
  const formRef = useRef<HTMLFormElement>(null);
  const [insertError, setInsertError] = useState<string | null>(null);

  const fields = () => Array.from(formRef.current?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-variable]') ?? []);

  const insert = async () => {
    if (busy) return;
    const failure = await onInsert(values);
    setInsertError(failure);
    // Usually a value is missing: take the agent straight to the first empty field.
    if (failure) fields().find((field) => field.value.trim() === '')?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && hasPrimaryModifier(event)) {
      event.preventDefault();
      void insert();
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
        onCopy(values);
      }
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void insert();
  };

  return (
    <div className="fill">
      <form ref={formRef} className="fill-form" aria-labelledby="cuecard-fill-heading" onKeyDown={onKeyDown} onSubmit={onSubmit} noValidate>
        <h2 id="cuecard-fill-heading" className="view-title">
          {template.title}
        </h2>
        <p className="hint">
          Fill in the details. <kbd>Enter</kbd> on the last field or <kbd>{primaryKeyLabel}</kbd>+<kbd>Enter</kbd> inserts,{' '}
          <kbd>Esc</kbd> goes back.
        </p>
        {variables.map((variable, index) => (
          <VariableField
            key={variable.name}
            variable={variable}
            value={values[variable.name] ?? ''}
            autoFocus={index === 0}
            onChange={(value) => setValues((previous) => ({ ...previous, [variable.name]: value }))}
          />
        ))}
        {insertError && (
          <p className="error" role="alert">
            {insertError}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Inserting…' : 'Insert reply'}
          </button>
          <button type="button" onClick={() => onCopy(values)}>
            Copy
          </button>
        </div>
      </form>
      <ReplyPreview state={reply} onOpenLink={onOpenLink} />
    </div>
  );
}
