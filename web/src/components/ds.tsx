import {
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
} from 'react';

/**
 * Small components that emit Det Fælles Designsystem markup (class names from the dkfds stylesheet), so the app
 * looks like borger.dk and Virk and inherits DKFDS' focus styles and contrast.
 */

type Variant = 'primary' | 'secondary' | 'tertiary' | 'warning';
export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type={type} className={`button button-${variant} ${className ?? ''}`.trim()} {...rest} />;
}

export function Alert({
  kind,
  heading,
  children,
  live,
}: {
  kind: 'info' | 'success' | 'warning' | 'error';
  heading?: string;
  children?: ReactNode;
  live?: boolean;
}) {
  return (
    <div
      className={`alert alert-${kind} mb-5`}
      role={live ? (kind === 'error' ? 'alert' : 'status') : undefined}
    >
      <div className="alert-body">
        {heading && <p className="alert-heading">{heading}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}

export interface SummaryError {
  fieldId?: string;
  message: string;
}
/** The error summary at the top of a form: links to each bad field; focused when it appears. */
export function ErrorSummary({
  errors,
  heading = 'Der er problemer',
}: {
  errors: SummaryError[];
  heading?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div className="alert alert-error mb-5" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <div className="alert-body">
        <p className="alert-heading">{heading}</p>
        <ul className="alert-text nobullet-list">
          {errors.map((e) => (
            <li key={`${e.fieldId ?? ''}${e.message}`}>
              {e.fieldId ? (
                <a className="function-link" href={`#${e.fieldId}`}>
                  {e.message}
                </a>
              ) : (
                e.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string;
  id?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}
export function FormGroup({ label, hint, error, id: given, children }: FieldShell) {
  const auto = useId();
  const id = given ?? auto;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
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
        <span className="form-error-message" id={errorId}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  id,
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'children'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <FormGroup label={label} hint={hint} error={error} id={id}>
      {(p) => <input className={`form-input ${className ?? ''}`.trim()} {...p} {...input} />}
    </FormGroup>
  );
}

export function TextArea({
  label,
  hint,
  error,
  id,
  ...input
}: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'children'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <FormGroup label={label} hint={hint} error={error} id={id}>
      {(p) => <textarea className="form-input" rows={4} {...p} {...input} />}
    </FormGroup>
  );
}

export function Select({
  label,
  hint,
  error,
  id,
  options,
  ...input
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'children'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <FormGroup label={label} hint={hint} error={error} id={id}>
      {(p) => (
        <select className="form-select" {...p} {...input}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormGroup>
  );
}

export function Checkbox({
  label,
  id,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> & { label: string }) {
  const auto = useId();
  const cid = id ?? auto;
  return (
    <div className="form-group-checkbox">
      <input type="checkbox" className="form-checkbox" id={cid} {...input} />
      <label htmlFor={cid}>{label}</label>
    </div>
  );
}

export function Tag({
  children,
  tone,
  title,
}: {
  children: ReactNode;
  tone?: 'ok' | 'missing' | 'new' | 'info';
  title?: string;
}) {
  return (
    <span className={`tag vm-tag${tone ? ` vm-tag-${tone}` : ''}`} title={title}>
      {children}
    </span>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="spinner-box" role="status">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status">{label}</div>
    </div>
  );
}

/** A DKFDS modal on the native <dialog>: the browser traps focus and Escape closes it. */
export function Modal({
  open,
  title,
  onClose,
  children,
  footer,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="fds-modal vm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <div className="modal-content">
        <div className="modal-header">
          <h2 className="modal-title" id={titleId}>
            {title}
          </h2>
          <button type="button" className="modal-close function-link" onClick={onClose}>
            Luk
          </button>
        </div>
        <div className="modal-body">{children}</div>
        {footer && <div className="modal-footer">{footer}</div>}
      </div>
    </dialog>
  );
}

/** A table DKFDS styles; callers give the header cells and the rows. */
export function Table({
  caption,
  head,
  children,
  className,
}: {
  caption?: string;
  head: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="table--responsive-scroll">
      <table className={`table table--compact ${className ?? ''}`.trim()}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
