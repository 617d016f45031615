import { useState, type FormEvent } from 'react';
import type { Slot, SlotStatus } from '../../api/consultingSlots';
import { formErrors } from '../../api/problems';
import { useChangeSeries, useDeleteSeries, useDeleteSlot, useUpdateSlot } from '../../hooks/useConsultingSlots';
import { longDate } from '../../time';
import { Dialog, ErrorMessage, Field } from '../ui';
import { slotStatus } from './slotStatus';

/**
 * A slot's actions: change its times, open or close it for booking, delete it (never while someone holds a seat), and,
 * for a slot of a weekly series, open the series' own actions (`onWholeSeries`).
 */
export function SlotActions({ slot, past, onWholeSeries }: { slot: Slot; past: boolean; onWholeSeries?: (seriesId: string) => void }) {
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
              change: { status: slotStatus[slot.status].toggle },
              version: slot.version,
            })
          }
        >
          {slotStatus[slot.status].toggleLabel}
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
      {!past && slot.seriesId && onWholeSeries ? (
        <button type="button" className="button button-secondary" onClick={() => onWholeSeries(slot.seriesId!)}>
          Whole series…
        </button>
      ) : null}
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

/**
 * The whole series a slot was made in: open or close its upcoming slots, or delete those nobody booked. It lives beside
 * the list, not in a slot's row, since deleting the series may remove the very row it was opened from.
 */
export function SeriesDialog({ seriesId, onClose }: { seriesId: string | null; onClose: () => void }) {
  const [done, setDone] = useState('');
  const change = useChangeSeries();
  const remove = useDeleteSeries();
  const pending = change.isPending || remove.isPending;
  const setStatus = (status: SlotStatus) =>
    change.mutate(
      { seriesId: seriesId!, status },
      { onSuccess: (r) => setDone(`${r.changed} slot${r.changed === 1 ? '' : 's'} ${slotStatus[status].reached} for booking.`) },
    );
  const close = () => {
    setDone('');
    change.reset();
    remove.reset();
    onClose();
  };

  return (
    <Dialog open={seriesId !== null} title="The whole series" onClose={close}>
      <p>Act on every upcoming slot of this weekly series at once. Past slots stay as they were.</p>
      <p role="status" aria-live="polite">
        {done}
      </p>
      {change.error || remove.error ? <ErrorMessage error={change.error ?? remove.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => setStatus('inactive')}>
          Deactivate all
        </button>
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => setStatus('active')}>
          Activate all
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={pending}
          onClick={() =>
            remove.mutate(seriesId!, {
              onSuccess: (r) =>
                setDone(
                  `${r.deleted.length} slot${r.deleted.length === 1 ? '' : 's'} deleted` +
                    (r.kept.length > 0 ? `; ${r.kept.length} kept because someone booked them.` : '.'),
                ),
            })
          }
        >
          Delete unbooked
        </button>
      </div>
    </Dialog>
  );
}
