import type { HTMLInputTypeAttribute } from 'react';
import type { TemplateVariable, VariableType } from '../../../common/ipc-contract';
import { assertNever } from '../../../common/assert-never';

function inputType(type: Exclude<VariableType, 'multiline'>): HTMLInputTypeAttribute {
  switch (type) {
    case 'text':
      return 'text';
    case 'email':
      return 'email';
    case 'date':
      return 'date';
    case 'number':
      return 'number';
    case 'amount':
      // Free text: amounts carry currency symbols and local separators.
      return 'text';
    default:
      return assertNever(type);
  }
}

/** Where a prefilled value came from, as the note under the field says it. */
const SOURCE_TEXT = { clipboard: 'the clipboard', selection: 'the text you had selected' } as const;

interface Props {
  variable: TemplateVariable;
  value: string;
  autoFocus: boolean;
  onChange: (value: string) => void;
  onFocus: () => void;
}

/**
 * One template field. A value prefilled from the agent's context (issue #18) is highlighted and
 * described ("Filled in from the clipboard…") for as long as it is the value found there.
 */
export function VariableField({ variable, value, autoFocus, onChange, onFocus }: Props) {
  const id = `cuecard-var-${variable.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const prefilled = variable.prefill !== undefined && variable.prefill.value === value;
  const noteId = `${id}-source`;
  const common = {
    id,
    'data-variable': variable.name,
    'data-prefilled': prefilled ? variable.prefill?.source : undefined,
    'aria-describedby': prefilled ? noteId : undefined,
    value,
    autoFocus,
    onFocus,
  };
  return (
    <div className={prefilled ? 'field field-prefilled' : 'field'}>
      <label htmlFor={id}>{variable.label}</label>
      {variable.type === 'multiline' ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={inputType(variable.type)}
          inputMode={variable.type === 'amount' ? 'decimal' : undefined}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {prefilled && variable.prefill && (
        <p id={noteId} className="prefill-note">
          Filled in from {SOURCE_TEXT[variable.prefill.source]}: check it before inserting.
        </p>
      )}
    </div>
  );
}
