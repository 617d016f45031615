import { useState, type FormEvent } from 'react';
import type { Slot } from '../../api/consultingSlots';
import { formErrors } from '../../api/problems';
import { useUpdateSlot } from '../../hooks/useConsultingSlots';
import { longDate } from '../../time';
import { Dialog, ErrorMessage, Field } from '../ui';

/**
 * Change a slot's times. The form lives only while the dialog is open, so each opening starts from the slot as the list
 * shows it now: an edit that was cancelled, or times that changed since, never linger.
 */
export function EditTimes({ slot, open, onClose }: { slot: Slot; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Change times" onClose={onClose}>
      <TimesForm slot={slot} onClose={onClose} />
    </Dialog>
  );
}

function TimesForm({ slot, onClose }: { slot: Slot; onClose: () => void }) {
  const [times, setTimes] = useState({ startTime: slot.startTime, endTime: slot.endTime });
  const update = useUpdateSlot();
  const { fields: errors, form: formError } = formErrors(update.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ slotId: slot.id, change: times, version: slot.version }, { onSuccess: onClose });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      {formError ? <ErrorMessage error={formError} /> : null}
      <dl className="read-only">
        <div>
          <dt>Date</dt>
          <dd>{longDate(slot.date)}</dd>
        </div>
        <div>
          <dt>Seats</dt>
          <dd>{slot.totalCapacity}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{slot.timezone}</dd>
        </div>
      </dl>
      <p className="field-hint">The date and the number of seats never change; make a new slot for another day.</p>
      {slot.bookings.length > 0 && (
        <div className="notice notice-info" id={`edit-booked-${slot.id}`}>
          <p>
            {slot.bookings.length === 1 ? '1 person has' : `${slot.bookings.length} people have`} booked this slot:{' '}
            {slot.bookings.map((b) => b.customerName).join(', ')}. Each is emailed the new times with an updated calendar
            invite, and may cancel until the new start.
          </p>
        </div>
      )}
      <div className="field-row">
        {(['startTime', 'endTime'] as const).map((name) => (
          <Field key={name} id={`edit-${name}-${slot.id}`} label={name === 'startTime' ? 'Start' : 'End'} error={errors[name]}>
            {(control) => (
              <input {...control} type="time" value={times[name]} onChange={(e) => setTimes((t) => ({ ...t, [name]: e.target.value }))} />
            )}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={update.isPending}
          aria-describedby={slot.bookings.length > 0 ? `edit-booked-${slot.id}` : undefined}>
          {slot.bookings.length > 0 ? 'Save and tell them' : 'Save times'}
        </button>
      </div>
    </form>
  );
}
