import { useState } from 'react';
import type { MyBooking } from '../api/consultingSlots';
import { useCancelBooking, useMyBookings } from '../hooks/useConsultingSlots';
import { browserZone, dateTime, localDate, shortDate, timeRange } from '../time';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { CancelBookingDialog } from './CancelBookingDialog';
import { Empty, ErrorMessage, Skeleton } from './ui';

/**
 * The signed-in customer's upcoming bookings, each saying until when it can be cancelled (the policy it was made under)
 * and offering to cancel until then, asking first, and for a reason when the policy requires one.
 */
export function MyBookings() {
  const zone = browserZone();
  const bookings = useMyBookings();
  const cancel = useCancelBooking();
  const [confirming, setConfirming] = useState<MyBooking | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const when = (b: MyBooking) => `${shortDate(localDate(b.startsAt, zone))}, ${timeRange(b.startsAt, b.endsAt, zone)}`;
  const now = Date.now();

  return (
    <section className="page" aria-labelledby="mine-title">
      <div className="page-header">
        <h1 id="mine-title">My bookings</h1>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {bookings.isPending ? (
        <Skeleton label="Loading your bookings" />
      ) : bookings.error ? (
        <ErrorMessage error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : bookings.data.length === 0 ? (
        <Empty title="No upcoming bookings">
          <p className="muted">Open a specialist’s page to book a session.</p>
        </Empty>
      ) : (
        <ul className="slot-list" aria-label="Upcoming bookings">
          {bookings.data.map((b) => {
            const open = Date.parse(b.cancellableUntil) >= now;
            const deadline = `${b.slotId}-deadline`;
            return (
              <li key={b.slotId} className="card booking-row" aria-label={when(b)}>
                <div>
                  <p className="slot-when">{when(b)}</p>
                  <p className="muted small">
                    with {b.specialistEmail} · {b.duration} min
                    {b.serviceId && ` · ${b.serviceId}`}
                    {b.timezone !== zone && ` · ${b.startTime}–${b.endTime} ${b.timezone}`}
                  </p>
                  <p className="small" id={deadline}>
                    {open
                      ? `Free to cancel until ${dateTime(b.cancellableUntil, zone)}.`
                      : `Online cancellation closed ${dateTime(b.cancellableUntil, zone)}: to cancel now, contact ${b.specialistEmail}.`}
                  </p>
                </div>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!open}
                  aria-describedby={deadline}
                  onClick={() => {
                    cancel.reset();
                    setConfirming(b);
                  }}
                  aria-label={`Cancel booking on ${when(b)}`}
                >
                  Cancel booking
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <CalendarFeedPanel what="your bookings" />
      <CancelBookingDialog
        open={confirming !== null}
        what={confirming ? `your booking on ${when(confirming)}` : ''}
        reasonRequired={confirming?.policy.cancellationReason === 'required'}
        readBy="The specialist"
        pending={cancel.isPending}
        error={cancel.error}
        onClose={() => setConfirming(null)}
        onConfirm={(reason) => {
          const b = confirming!;
          cancel.mutate(
            { slotId: b.slotId, customerId: b.customerId, reason },
            {
              onSuccess: () => {
                setAnnouncement(`Booking on ${when(b)} cancelled.`);
                setConfirming(null);
              },
            },
          );
        }}
      />
    </section>
  );
}
