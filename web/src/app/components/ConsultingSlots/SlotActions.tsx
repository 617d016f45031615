import { useState, type FormEvent } from 'react';
import type { Slot } from '../../api/consultingSlots';
import { formErrors } from '../../api/problems';
import { useDeleteSlot, useUpdateSlot } from '../../hooks/useConsultingSlots';
import { longDate } from '../../time';
import { Dialog, ErrorMessage, Field } from '../ui';

/** A slot's actions: change its times, open or close it for booking, delete it (never while someone holds a seat). */
export function SlotActions({ slot, past }: { slot: Slot; past: boolean }) {
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const update = useUpdateSlot();
  const remove = useDeleteSlot();
  const booked = slot.bookedCount > 0;
  const reasonId = `delete-reason-${slot.id}`;
  const error = update.error ?? remove.error;

  return (
    <div className="slot-actions">
      {!past && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          Edit times
        </button>
      )}
      {!past && (
        <button
          type="button"
          className="button button-secondary"
          disabled={update.isPending}
          onClick={() =>
            update.mutate({
              slotId: slot.id,
              change: { status: slot.status === 'active' ? 'inactive' : 'active' },
              version: slot.version,
            })
          }
        >
          {slot.status === 'active' ? 'Deactivate' : 'Activate'}
        </button>
      )}
      <button
        type="button"
        className="button button-danger"
        disabled={booked || remove.isPending}
        aria-describedby={booked ? reasonId : undefined}
        onClick={() => setConfirmingDelete(true)}
      >
        Delete
      </button>
      {booked && (
        <p className="field-hint" id={reasonId}>
          Can’t delete: {slot.bookedCount === 1 ? '1 person has' : `${slot.bookedCount} people have`} booked it. Cancel
          their bookings first.
        </p>
      )}
      {error && !editing ? <ErrorMessage error={error} /> : null}
      <EditTimes slot={slot} open={editing} onClose={() => setEditing(false)} />
      <Dialog open={confirmingDelete} title="Delete this slot?" onClose={() => setConfirmingDelete(false)}>
        <p>
          {longDate(slot.date)}, {slot.startTime}–{slot.endTime} ({slot.timezone}) will be removed. This cannot be undone.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirmingDelete(false)}>
            Keep it
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ slotId: slot.id, version: slot.version }, { onSettled: () => setConfirmingDelete(false) })}
          >
            Delete slot
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function EditTimes({ slot, open, onClose }: { slot: Slot; open: boolean; onClose: () => void }) {
  const [times, setTimes] = useState({ startTime: slot.startTime, endTime: slot.endTime });
  const update = useUpdateSlot();
  const { fields: errors, form: formError } = formErrors(update.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate({ slotId: slot.id, change: times, version: slot.version }, { onSuccess: onClose });
  }

  return (
    <Dialog open={open} title="Change times" onClose={onClose}>
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
          <button type="submit" className="button button-primary" disabled={update.isPending}>
            Save times
          </button>
        </div>
      </form>
    </Dialog>
  );
}
