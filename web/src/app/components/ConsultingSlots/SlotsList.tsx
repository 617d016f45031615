import { useState } from 'react';
import type { Booking, Slot } from '../../api/consultingSlots';
import { useCancelBooking } from '../../hooks/useConsultingSlots';
import { browserZone, dateTime, shortDate } from '../../time';
import { CancelBookingDialog } from '../CancelBookingDialog';
import { CancelledBookings } from './CancelledBookings';
import { SeatMeter } from '../ui';
import { SlotActions } from './SlotActions';
import { slotStatus } from './slotStatus';

/**
 * The specialist's slots as cards: when, seats taken, status, who booked (with a cancel per booking, which says what it
 * did through `onDone`), actions.
 */
export function SlotsList({ slots, past, onWholeSeries, onDone }: {
  slots: Slot[];
  past: boolean;
  onWholeSeries?: (seriesId: string) => void;
  onDone?: (what: string) => void;
}) {
  return (
    <ul className="slot-list" aria-label={past ? 'Past slots' : 'Upcoming slots'}>
      {slots.map((slot) => (
        <li key={slot.id} className="card slot-row" aria-label={`${shortDate(slot.date)} ${slot.startTime}–${slot.endTime}`}>
          <div className="slot-row-main">
            <div>
              <p className="slot-when">
                <span className="slot-date">{shortDate(slot.date)}</span>{' '}
                <span className="slot-time">
                  {slot.startTime}–{slot.endTime}
                </span>
              </p>
              <p className="muted">
                {slot.timezone} · {slot.duration} min{slot.serviceId ? ` · ${slot.serviceId}` : ''}
              </p>
            </div>
            <div className="slot-meta">
              <span className={`badge badge-${past ? 'past' : slot.status}`}>
                {past ? 'Past' : slotStatus[slot.status].label}
              </span>
              <span className="seats">
                <SeatMeter taken={slot.bookedCount} total={slot.totalCapacity} />
                {slot.bookedCount} of {slot.totalCapacity} booked
              </span>
            </div>
          </div>
          {slot.bookings.length > 0 && <Bookings slot={slot} past={past} onDone={onDone} />}
          <CancelledBookings slotId={slot.id} />
          <SlotActions slot={slot} past={past} onWholeSeries={onWholeSeries} />
        </li>
      ))}
    </ul>
  );
}

function Bookings({ slot, past, onDone }: { slot: Slot; past: boolean; onDone: ((what: string) => void) | undefined }) {
  const cancel = useCancelBooking();
  const zone = browserZone();
  const [confirming, setConfirming] = useState<Booking | null>(null);
  const late = confirming !== null && Date.parse(confirming.cancellableUntil) < Date.now();
  return (
    <div className="bookings">
      <h4 className="bookings-title">Booked by</h4>
      <ul>
        {slot.bookings.map((b) => (
          <li key={b.customerId} className="booking">
            <span>
              <strong>{b.customerName}</strong> <span className="muted">{b.customerEmail}</span>
              <br />
              <span className="muted small">booked {dateTime(b.bookedAt, zone)}</span>
            </span>
            {!past && (
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
            )}
          </li>
        ))}
      </ul>
      <CancelBookingDialog
        open={confirming !== null}
        what={confirming ? `${confirming.customerName}'s booking on ${shortDate(slot.date)}, ${slot.startTime}–${slot.endTime}` : ''}
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
              onDone?.(`${who}’s booking on ${shortDate(slot.date)}, ${slot.startTime}–${slot.endTime} is cancelled; ${who} is told by email.`);
              setConfirming(null);
            },
          })
        }
      />
    </div>
  );
}
