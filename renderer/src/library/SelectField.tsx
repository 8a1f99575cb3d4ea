import { useId, type ReactNode } from 'react';

/**
 * A labelled <select> whose accessible name is the label alone: a <label> wrapped around a select
 * would also read its options' text ("Locale" would be named "Localedeen…").
 */
export function SelectField({ label, value, onChange, children, className }: { label: string; value: string; onChange: (value: string) => void; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
