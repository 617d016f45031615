import { useState } from 'react';
import type { Slot } from '../../api/consultingSlots';
import { useDeleteSlot, useUpdateSlot } from '../../hooks/useConsultingSlots';
import { longDate } from '../../time';
import { Dialog, ErrorMessage } from '../ui';
import { EditTimes } from './EditTimes';
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
