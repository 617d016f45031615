import { useState } from 'react';
import { useCancelBooking, useMyBookings } from '../hooks/useConsultingSlots';
import { browserZone, localDate, shortDate, timeRange } from '../time';
import { Empty, ErrorMessage, Skeleton } from './ui';

/** The signed-in customer's upcoming bookings, each with a cancel action (asked twice, since it gives the seat away). */
export function MyBookings() {
  const zone = browserZone();
  const bookings = useMyBookings();
  const cancel = useCancelBooking();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  return (
    <section className="page" aria-labelledby="mine-title">
      <div className="page-header">
        <h1 id="mine-title">My bookings</h1>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {cancel.error ? <ErrorMessage error={cancel.error} /> : null}
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
            const when = `${shortDate(localDate(b.startsAt, zone))}, ${timeRange(b.startsAt, b.endsAt, zone)}`;
            return (
              <li key={b.slotId} className="card booking-row" aria-label={when}>
                <div>
                  <p className="slot-when">{when}</p>
                  <p className="muted small">
                    with {b.specialistEmail} · {b.duration} min
                    {b.timezone !== zone && ` · ${b.startTime}–${b.endTime} ${b.timezone}`}
                  </p>
                </div>
                {confirming === b.slotId ? (
                  <div className="slot-actions">
                    <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                    <button
                      type="button"
                      className="button button-danger"
                      disabled={cancel.isPending}
                      onClick={() =>
                        cancel.mutate(
                          { slotId: b.slotId, customerId: b.customerId },
                          {
                            onSuccess: () => setAnnouncement(`Booking on ${when} cancelled.`),
                            onSettled: () => setConfirming(null),
                          },
                        )
                      }
                    >
                      Yes, cancel it
                    </button>
                  </div>
                ) : (
                  <button type="button" className="button button-secondary" onClick={() => setConfirming(b.slotId)}
                    aria-label={`Cancel booking on ${when}`}>
                    Cancel booking
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
