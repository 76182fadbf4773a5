import { type KeyboardEvent, useId, useState } from 'react';

/**
 * Must-have / nice-to-have phrases as chips: type, press Enter (or "Tilføj"), remove with the chip's button.
 * Each phrase is kept as written: the matching reads it as a competence concept or as words.
 */
export function ChipInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  describe,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string[];
  onChange: (next: string[]) => void;
  /** Optional note on how a phrase was understood, shown on its chip. */
  describe?: (phrase: string) => string | undefined;
}) {
  const [text, setText] = useState('');
  const hintId = useId();
  const add = () => {
    const phrase = text.trim();
    if (phrase && !value.some((v) => v.toLowerCase() === phrase.toLowerCase())) onChange([...value, phrase]);
    setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !text && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <ul className="vm-chips" aria-label={`${label}: valgte`}>
        {value.map((v) => {
          const note = describe?.(v);
          return (
            <li key={v} className="tag vm-tag vm-tag-info">
              <span>{v}</span>
              {note && <span className="vm-chip-note"> · {note}</span>}
              <button
                type="button"
                className="vm-chip-remove"
                aria-label={`Fjern ${v}`}
                onClick={() => onChange(value.filter((x) => x !== v))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="vm-chip-add">
        <input
          id={id}
          className="form-input"
          value={text}
          aria-describedby={
            [hint ? hintId : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
          }
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => text.trim() && add()}
        />
        <button type="button" className="button button-secondary" onClick={add}>
          Tilføj
        </button>
      </div>
    </div>
  );
}
