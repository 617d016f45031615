// Small pieces every screen uses: loading skeletons, error and empty states, a modal dialog, the seat meter, a menu.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describeError } from '../api/problems';

export function Skeleton({ rows = 3, label }: { rows?: number; label: string }) {
  return (
    <div className="skeleton-list" role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h2 className="empty-title">{title}</h2>
      {children}
    </div>
  );
}

/** A modal dialog (the browser's own `<dialog>`: focus stays inside, Escape closes it, focus returns on close). */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (open && !dialog.open) {
      // jsdom has no showModal; the attribute is what it understands.
      if (typeof dialog.showModal === 'function') {
        dialog.showModal();
      } else {
        dialog.setAttribute('open', '');
      }
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') {
        dialog.close();
      } else {
        dialog.removeAttribute('open');
      }
    }
  }, [open]);
  const titleId = `dialog-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="button button-ghost" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}

/** What a form control gets from its Field: its id, whether it is invalid, and the note that describes it. */
export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled control with its hint, or its error in place of the hint, tied to it by `aria-describedby`. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (control: FieldControl) => ReactNode;
}) {
  const note = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': note })}
      {error ? (
        <p className="field-error" id={note}>
          {error}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={note}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

/** Seats as dots: taken ones filled. Decorative: the text beside it says the same. */
export function SeatMeter({ taken, total }: { taken: number; total: number }) {
  const shown = Math.min(total, 12);
  const filled = Math.round((taken / total) * shown);
  return (
    <span className="seat-meter" aria-hidden="true">
      {Array.from({ length: shown }, (_, i) => (
        <span key={i} className={i < filled ? 'seat seat-taken' : 'seat'} />
      ))}
    </span>
  );
}

/** Copies an address to the clipboard; the sentence that says how it went, to announce. */
export async function copyText(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Address copied.';
  } catch {
    return 'Copying is not allowed here: select the address and copy it.';
  }
}

/** An address to hand on (a booking page's), read-only, selected on focus, with a Copy button that says how it went. */
export function CopyableLink({ label, url }: { label: string; url: string }) {
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="input-row">
        <input id={id} type="url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button button-secondary" onClick={() => void copyText(url).then(setAnnouncement)}>
          Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
        </button>
      </div>
      <p role="status" aria-live="polite" className={announcement ? 'field-hint' : 'visually-hidden'}>
        {announcement}
      </p>
    </div>
  );
}

/**
 * Tabs (the ARIA tabs pattern): one tab is the Tab stop, the arrow keys move between them; the panel with `panelId`
 * says which tab labels it.
 */
export function TabList<T extends string>({ label, tabs, current, onChange, panelId }: {
  label: string;
  tabs: readonly { id: T; label: string }[];
  current: T;
  onChange: (tab: T) => void;
  panelId: string;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t, i) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={current === t.id}
          aria-controls={panelId}
          tabIndex={current === t.id ? 0 : -1}
          className="tab"
          onClick={() => onChange(t.id)}
          onKeyDown={(e) => {
            const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
            if (step) {
              const next = tabs[(i + step + tabs.length) % tabs.length]!.id;
              onChange(next);
              document.getElementById(`tab-${next}`)?.focus();
            }
          }}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** A form's end: the error that belongs to no field, what saving did (announced), and the submit button. */
export function FormFooter({ error, announcement, pending, label }: {
  error: unknown;
  announcement: string;
  pending: boolean;
  label: string;
}) {
  return (
    <>
      {error ? <ErrorMessage error={error} /> : null}
      <p role="status" aria-live="polite" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : label}
        </button>
      </div>
    </>
  );
}

/** One entry of a Menu: what it says, what it does, and, when it cannot be chosen, why (read with it). */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  why?: string;
  danger?: boolean;
}

/**
 * A button that opens a list of actions (the ARIA menu button pattern): Enter, Space or ↓ open it on the first item, ↑
 * on the last; arrows, Home and End move; Escape closes it and gives the focus back; Tab or a click elsewhere close it.
 * An item that cannot be chosen stays in the list, with its reason, so the person learns why.
 */
export function Menu({ label, title, items }: { label: string; title: string; items: readonly MenuItem[] }) {
  const [open, setOpen] = useState<'first' | 'last' | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();
  const entries = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) {
      return;
    }
    const all = entries();
    (open === 'first' ? all[0] : all[all.length - 1])?.focus();
    const outside = (e: PointerEvent) => {
      if (!list.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) {
        setOpen(null);
      }
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  function close() {
    setOpen(null);
    button.current?.focus();
  }

  function onListKey(e: KeyboardEvent) {
    const all = entries();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab') {
      setOpen(null);
    }
  }

  return (
    <div className="menu">
      <button
        ref={button}
        type="button"
        className="button button-secondary menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? id : undefined}
        aria-label={label}
        onClick={() => setOpen(open ? null : 'first')}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(e.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        {title} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={list} id={id} role="menu" aria-label={label} className="menu-list" onKeyDown={onListKey}>
          {items.map((item, i) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={`menu-item${item.danger ? ' menu-item-danger' : ''}`}
                aria-disabled={item.disabled || undefined}
                aria-describedby={item.why ? `${id}-why-${i}` : undefined}
                onClick={() => {
                  if (!item.disabled) {
                    close();
                    item.onSelect();
                  }
                }}
              >
                {item.label}
              </button>
              {item.why && (
                <span id={`${id}-why-${i}`} className="menu-why">
                  {item.why}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
