import { useState, type FormEvent } from 'react';
import type { BookingConfirmation } from '../api/consultingSlots';
import { useAvailableSlots, useMoveBooking } from '../hooks/useConsultingSlots';
import { addDays, browserZone, localDate, seatsLeft, shortWhen } from '../time';
import { Dialog, Empty, ErrorMessage, Skeleton } from './ui';

/** The booking to move: where it is, with whom, for what, and how the page names it. */
export interface MovableBooking {
  slotId: string;
  specialistEmail: string;
  serviceId?: string | null | undefined;
  /** The customer's id when someone else (the specialist) moves it; left out for the caller's own. */
  customerId?: string | undefined;
  /** "Tue 15 Dec, 10:00–11:00", as the list shows it. */
  when: string;
}

/**
 * Moves a booking to another open time of the same specialist in the next 30 days (of its service, when it has one):
 * the same booking in its new place, or, when the time was taken meanwhile, nothing changes and it says so.
 */
export function MoveBookingDialog({ booking, onClose, onMoved }: {
  booking: MovableBooking | null;
  onClose: () => void;
  onMoved: (moved: BookingConfirmation, from: MovableBooking) => void;
}) {
  return (
    <Dialog open={booking !== null} title="Move this booking" onClose={onClose}>
      {booking && <MoveForm booking={booking} onClose={onClose} onMoved={onMoved} />}
    </Dialog>
  );
}

function MoveForm({ booking, onClose, onMoved }: {
  booking: MovableBooking;
  onClose: () => void;
  onMoved: (moved: BookingConfirmation, from: MovableBooking) => void;
}) {
  const zone = browserZone();
  const today = localDate(new Date(), zone);
  const open = useAvailableSlots(booking.specialistEmail, today, addDays(today, 30), booking.serviceId ?? undefined);
  const move = useMoveBooking();
  const [picked, setPicked] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const others = (open.data ?? []).filter((s) => s.id !== booking.slotId);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!picked) {
      setMissing(true);
      return;
    }
    move.mutate(
      { slotId: booking.slotId, toSlotId: picked, ...(booking.customerId ? { customerId: booking.customerId } : {}) },
      { onSuccess: (moved) => onMoved(moved, booking) },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <p>
        Now: <strong>{booking.when}</strong>. It stays booked until the new time is yours.
      </p>
      {open.isPending ? (
        <Skeleton label="Loading open times" rows={2} />
      ) : open.error ? (
        <ErrorMessage error={open.error} onRetry={() => void open.refetch()} />
      ) : others.length === 0 ? (
        <Empty title="No other open times in the next 30 days" />
      ) : (
        <fieldset className="choices" aria-describedby={missing ? 'move-missing' : undefined}>
          <legend>Pick a new time</legend>
          {others.map((s) => (
            <label key={s.id} className="choice">
              <input type="radio" name="move-to" value={s.id} checked={picked === s.id}
                onChange={() => {
                  setPicked(s.id);
                  setMissing(false);
                }} />
              <span>
                {shortWhen(s.startsAt, s.endsAt, zone)}{' '}
                <span className="muted small">{seatsLeft(s.remainingCapacity, s.totalCapacity)}</span>
              </span>
            </label>
          ))}
          {missing && (
            <p className="field-error" id="move-missing">
              Pick the time to move the booking to.
            </p>
          )}
        </fieldset>
      )}
      {move.error ? <ErrorMessage error={move.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Keep it
        </button>
        <button type="submit" className="button button-primary" disabled={move.isPending || others.length === 0}>
          {move.isPending ? 'Moving…' : 'Move booking'}
        </button>
      </div>
    </form>
  );
}
