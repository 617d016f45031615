import { useState } from 'react';
import type { Slot } from '../../api/consultingSlots';
import { useDeleteSlot, useUpdateSlot } from '../../hooks/useConsultingSlots';
import { longDate, shortDate, wallRange } from '../../time';
import { Dialog, ErrorMessage, Menu, type MenuItem } from '../ui';
import { EditTimes } from './EditTimes';
import { SlotBookings } from './SlotBookings';
import { slotStatus } from './slotStatus';

/**
 * A slot's actions, in one menu: change its times, open or close it for booking, see and cancel its bookings, delete
 * it (never while someone holds a seat: the menu says why), and, for a slot of a weekly series, open the series' own
 * actions (`onWholeSeries`). A cancellation says what it did through `onDone`.
 */
export function SlotActions({ slot, past, onWholeSeries, onDone }: {
  slot: Slot;
  past: boolean;
  onWholeSeries?: ((seriesId: string) => void) | undefined;
  onDone?: ((what: string) => void) | undefined;
}) {
  const [open, setOpen] = useState<'times' | 'bookings' | 'delete' | null>(null);
  const update = useUpdateSlot();
  const remove = useDeleteSlot();
  const booked = slot.bookedCount > 0;
  const error = update.error ?? remove.error;
  const close = () => setOpen(null);

  const items: MenuItem[] = [
    ...(past ? [] : [
      { label: 'Edit times…', onSelect: () => setOpen('times') },
      {
        label: slotStatus[slot.status].toggleLabel,
        disabled: update.isPending,
        onSelect: () => update.mutate({ slotId: slot.id, change: { status: slotStatus[slot.status].toggle }, version: slot.version }),
      },
    ]),
    { label: booked ? `Bookings (${slot.bookedCount})…` : 'Bookings…', onSelect: () => setOpen('bookings') },
    ...(!past && slot.seriesId && onWholeSeries ? [{ label: 'Whole series…', onSelect: () => onWholeSeries(slot.seriesId!) }] : []),
    {
      label: 'Delete…',
      danger: true,
      disabled: booked || remove.isPending,
      why: booked
        ? `Can’t delete: ${slot.bookedCount === 1 ? '1 person has' : `${slot.bookedCount} people have`} booked it. Cancel their bookings first.`
        : undefined,
      onSelect: () => setOpen('delete'),
    },
  ];

  return (
    <div className="slot-actions">
      <Menu label={`Actions for ${shortDate(slot.date)} ${wallRange(slot.startTime, slot.endTime)}`} title="Actions" items={items} />
      {error && open === null ? <ErrorMessage error={error} /> : null}
      <EditTimes slot={slot} open={open === 'times'} onClose={close} />
      <SlotBookings slot={slot} past={past} open={open === 'bookings'} onClose={close} onDone={onDone} />
      <Dialog open={open === 'delete'} title="Delete this slot?" onClose={close}>
        <p>
          {longDate(slot.date)}, {wallRange(slot.startTime, slot.endTime)} ({slot.timezone}) will be removed. This cannot be undone.
        </p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            Keep it
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate({ slotId: slot.id, version: slot.version }, { onSettled: close })}
          >
            Delete slot
          </button>
        </div>
      </Dialog>
    </div>
  );
}
