import type { ReactNode } from 'react';

/** Under a setting the organisation's policy pins: one wording for every field of Settings. */
export function Managed({ pinned }: { pinned: boolean }) {
  return pinned ? <p className="managed">Managed by your organisation</p> : null;
}

interface TextRowProps {
  id: string;
  label: string;
  type: 'url' | 'password';
  value: string;
  placeholder: string;
  /** Pinned by policy: the input is disabled and says so under the row. */
  pinned: boolean;
  onChange: (value: string) => void;
  autoComplete?: string;
  /** Text beside the input that describes it (given the id `describedBy`). */
  description?: { id: string; text: ReactNode };
}

/** A labelled one-line input of a settings form, with the "managed" note when policy pins it. */
export function TextRow({ id, label, type, value, placeholder, pinned, onChange, autoComplete, description }: TextRowProps) {
  return (
    <>
      <div className="row">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          value={value}
          placeholder={placeholder}
          disabled={pinned}
          autoComplete={autoComplete}
          aria-describedby={description?.id}
          onChange={(event) => onChange(event.target.value)}
        />
        {description && (
          <span id={description.id} className="muted">
            {description.text}
          </span>
        )}
      </div>
      <Managed pinned={pinned} />
    </>
  );
}

interface SaveFooterProps {
  /** The submit button's text, e.g. "Save server settings". */
  label: string;
  disabled: boolean;
  saved: boolean;
  error: string | null;
}

/** The end of a settings form: its submit button, "Saved." once it took, and the error as an alert. */
export function SaveFooter({ label, disabled, saved, error }: SaveFooterProps) {
  return (
    <>
      <div className="actions">
        <button type="submit" disabled={disabled}>
          {label}
        </button>
        {saved && <span className="muted">Saved.</span>}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** What an input says about its error: invalid while there is one, described by it (a FieldError of id `errorId`). */
export function invalidProps(errorId: string, error: string | null) {
  return { 'aria-invalid': error !== null, 'aria-describedby': error ? errorId : undefined };
}

/** A field's error, announced as an alert; the field points at it by `id` (invalidProps). */
export function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** What a labelled control takes: its id (the label's `htmlFor`) and its error wiring (invalidProps). */
export type LabelledControlProps = { id: string } & ReturnType<typeof invalidProps>;

interface LabelledFieldProps {
  /** The row's class: `field` (a stacked field) or `row` (label and control side by side). */
  className: 'field' | 'row';
  id: string;
  label: string;
  /** The id of the FieldError that describes the control while `error` is set. */
  errorId: string;
  error: string | null;
  /** The control (and anything beside it), given the props that label it and describe its error. */
  children: (control: LabelledControlProps) => ReactNode;
}

/** A label and the control it names, the control described by its error: one wiring for every form. */
export function LabelledField({ className, id, label, errorId, error, children }: LabelledFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...invalidProps(errorId, error) })}
    </div>
  );
}
