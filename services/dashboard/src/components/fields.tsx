import { useId, type ReactNode } from 'react';

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({ label, value, onChange, choices, name, hint }: { label: string; value: string; onChange: (value: string) => void; choices: Choice[]; name: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}

export function DateField({ label, value, onChange, max, name }: { label: string; value: string; onChange: (value: string) => void; max: string; name: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="inline">
        <input id={id} name={name} type="date" value={value} max={max} onChange={(e) => onChange(e.target.value)} />
        {value && (
          <button type="button" className="link-button" onClick={() => onChange('')}>
            Today
          </button>
        )}
      </span>
    </div>
  );
}
