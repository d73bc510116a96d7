// A text input that keeps what the user typed while it is invalid (with the reason shown inline),
// applies each valid value as it is typed, and ends the undo step on blur.
import { useId, useState } from 'react';

/** What a text means: a value to apply, or why it cannot be applied. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Props of DraftInput; `text` is the current value's text (shown when nothing is being edited). */
export interface DraftInputProps<T> {
  label: string;
  help?: string;
  text: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  check(text: string): Checked<T>;
  apply(value: T): void;
  /** Ends the coalesced undo step. */
  seal(): void;
}

/** A labelled text field with inline validation. */
export function DraftInput<T>(p: DraftInputProps<T>) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = draft ?? p.text;
  const describedBy = [problem ? `${id}-error` : '', p.help ? `${id}-help` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {p.label}
      </label>
      <input
        id={id}
        className="field__input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        inputMode={p.inputMode}
        value={shown}
        placeholder={p.placeholder}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const checked = p.check(text);
          if (checked.ok) {
            setProblem(null);
            p.apply(checked.value);
          } else setProblem(checked.message);
        }}
        onBlur={() => {
          p.seal();
          // A valid draft is now the value; an invalid one stays visible with its message.
          if (!problem) setDraft(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      {problem && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {problem}
        </p>
      )}
      {p.help && (
        <p className="field__help" id={`${id}-help`}>
          {p.help}
        </p>
      )}
    </div>
  );
}
