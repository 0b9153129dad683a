// One labelled form field: the label bound to the control by id, and the field's error said in words (role alert).
import type { ReactNode } from 'react';
import { useId } from 'react';

export function Field({ label, children, error }: { label: string; children: (id: string) => ReactNode; error?: string | undefined }): ReactNode {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}
