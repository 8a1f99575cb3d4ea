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

interface Props {
  variable: TemplateVariable;
  value: string;
  autoFocus: boolean;
  onChange: (value: string) => void;
}

export function VariableField({ variable, value, autoFocus, onChange }: Props) {
  const id = `cuecard-var-${variable.name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{variable.label}</label>
      {variable.type === 'multiline' ? (
        <textarea id={id} data-variable={variable.name} value={value} rows={3} autoFocus={autoFocus} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          id={id}
          data-variable={variable.name}
          type={inputType(variable.type)}
          inputMode={variable.type === 'amount' ? 'decimal' : undefined}
          value={value}
          autoFocus={autoFocus}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}
