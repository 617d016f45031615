import { useState, type FormEvent } from 'react';
import { limits } from '../api/limits';
import { Dialog, ErrorMessage, Field } from './ui';

interface Props {
  open: boolean;
  /** What is cancelled, as the title says it: "your booking on Tue 15 Dec, 10:00–11:00". */
  what: string;
  /** Whether the booking's policy asks for a reason. */
  reasonRequired: boolean;
  /** Who reads the reason: the specialist, or the customer. */
  readBy: string;
  /** A word before cancelling, such as that it is late. */
  note?: string | undefined;
  pending: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/**
 * Asks before a cancellation, which gives the seat away, and for the reason the booking's policy requires (or allows):
 * one line, which the booking keeps and both parties' mail quotes.
 */
export function CancelBookingDialog({ open, what, reasonRequired, readBy, note, pending, error, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reasonRequired && !reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(reason);
  }

  function close() {
    setReason('');
    setMissing(false);
    onClose();
  }

  return (
    <Dialog open={open} title="Cancel this booking?" onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        <p>Cancel {what}? The seat goes back on offer.</p>
        {note && <p className="muted small">{note}</p>}
        <Field
          id="cancel-reason"
          label={reasonRequired ? 'Reason (required)' : 'Reason (optional)'}
          hint={`${readBy} will read it.`}
          error={missing ? 'Please say why you are cancelling.' : undefined}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={limits.maxReasonLength}
              required={reasonRequired}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value.replace(/[\r\n]+/g, ' '));
                setMissing(false);
              }}
            />
          )}
        </Field>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            Keep it
          </button>
          <button type="submit" className="button button-danger" disabled={pending}>
            {pending ? 'Cancelling…' : 'Yes, cancel it'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
