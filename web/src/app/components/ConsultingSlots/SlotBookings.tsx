import { useState } from 'react';
import type { Booking, Slot } from '../../api/consultingSlots';
import { useCancelBooking } from '../../hooks/useConsultingSlots';
import { browserZone, dateTime, shortDate, wallRange } from '../../time';
import { CancelBookingDialog } from '../CancelBookingDialog';
import { MoveBookingDialog, type MovableBooking } from '../MoveBookingDialog';
import { Dialog } from '../ui';
import { CancelledBookings } from './CancelledBookings';

/**
 * A slot's people, in a dialog: who holds a seat (each with a move to another of the specialist's open times and a
 * cancel, asked first, each saying what it did through `onDone`), and who cancelled.
 */
export function SlotBookings({ slot, past, open, onClose, onDone }: {
  slot: Slot;
  past: boolean;
  open: boolean;
  onClose: () => void;
  onDone: ((what: string) => void) | undefined;
}) {
  const cancel = useCancelBooking();
  const zone = browserZone();
  const [confirming, setConfirming] = useState<Booking | null>(null);
  const [moving, setMoving] = useState<(MovableBooking & { name: string }) | null>(null);
  const late = confirming !== null && Date.parse(confirming.cancellableUntil) < Date.now();
  const when = `${shortDate(slot.date)}, ${wallRange(slot.startTime, slot.endTime)}`;
  return (
    <Dialog open={open} title="Bookings" onClose={onClose}>
      <p className="muted">
        {when} · {slot.bookedCount} of {slot.totalCapacity} booked
      </p>
      {slot.bookings.length === 0 ? (
        <p>Nobody holds a seat.</p>
      ) : (
        <ul className="bookings" aria-label="Booked by">
          {slot.bookings.map((b) => (
            <li key={b.customerId} className="booking">
              <span>
                <strong>{b.customerName}</strong> <span className="muted">{b.customerEmail}</span>
                <br />
                <span className="muted small">booked {dateTime(b.bookedAt, zone)}</span>
              </span>
              {!past && (
                <span className="booking-actions">
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Move ${b.customerName}'s booking`}
                    onClick={() => setMoving({
                      slotId: slot.id, specialistEmail: slot.specialistEmail, serviceId: slot.serviceId, customerId: b.customerId,
                      when, name: b.customerName,
                    })}
                  >
                    Move
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Cancel ${b.customerName}'s booking`}
                    onClick={() => {
                      cancel.reset();
                      setConfirming(b);
                    }}
                  >
                    Cancel booking
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <CancelledBookings slotId={slot.id} />
      <MoveBookingDialog
        booking={moving}
        onClose={() => setMoving(null)}
        onMoved={(moved) => {
          const who = moving!.name;
          onDone?.(`${who}’s booking moved from ${when} to ${shortDate(moved.date)}, ${wallRange(moved.startTime, moved.endTime)}; `
            + `${who} is told by email.`);
          setMoving(null);
          onClose();
        }}
      />
      <CancelBookingDialog
        open={confirming !== null}
        what={confirming ? `${confirming.customerName}'s booking on ${when}` : ''}
        reasonRequired={confirming?.policy.cancellationReason === 'required'}
        readBy={confirming ? confirming.customerName : 'The customer'}
        note={late ? `Their own cancellation closed ${dateTime(confirming.cancellableUntil, zone)}: yours is recorded as late.` : undefined}
        pending={cancel.isPending}
        error={cancel.error}
        onClose={() => setConfirming(null)}
        onConfirm={(reason) =>
          cancel.mutate({ slotId: slot.id, customerId: confirming!.customerId, reason }, {
            onSuccess: () => {
              const who = confirming!.customerName;
              onDone?.(`${who}’s booking on ${when} is cancelled; ${who} is told by email.`);
              setConfirming(null);
              onClose();
            },
          })
        }
      />
    </Dialog>
  );
}
