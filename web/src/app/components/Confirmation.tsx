import { useEffect, useRef } from 'react';
import type { BookingConfirmation, Service } from '../api/consultingSlots';
import { useBookingCalendar } from '../hooks/useConsultingSlots';
import { dateTime, localDate, longDate, timeRange, wallRange } from '../time';

/**
 * What a booking made, as a view of its own: what (the service, with whom), when in the customer's own date and zone
 * first and the specialist's beside it, the reference, where the email went, Add to calendar, and how to move or cancel. The
 * focus comes here, and a screen reader hears the first line.
 */
export function Confirmation({ confirmation: c, specialist, service, zone, myBookingsHref, onNavigate, onAnother }: {
  confirmation: BookingConfirmation;
  specialist: string;
  service: Service | undefined;
  zone: string;
  /** Where the customer's bookings are, when the host has such a page. */
  myBookingsHref: string | undefined;
  onNavigate: ((href: string) => void) | undefined;
  onAnother: () => void;
}) {
  const invite = useBookingCalendar(c.slotId);
  const view = useRef<HTMLElement>(null);
  useEffect(() => view.current?.focus(), []);
  const what = service ? `${service.title} with ${specialist}` : `A session with ${specialist}`;
  const yours = `${longDate(localDate(c.startsAt, zone))}, ${timeRange(c.startsAt, c.endsAt, zone)}`;
  const theirs = `${longDate(c.date)}, ${wallRange(c.startTime, c.endTime)}`;

  return (
    <section className="confirmation card" aria-labelledby="confirmation-title" ref={view} tabIndex={-1}>
      <p role="status" className="notice notice-success">
        <strong>Booked.</strong> {what}, {yours} ({zone}).
      </p>
      <h2 id="confirmation-title">You’re booked</h2>
      <dl className="facts">
        <dt>What</dt>
        <dd>{what}</dd>
        <dt>When</dt>
        <dd>
          <strong>{yours}</strong> <span className="muted">your time ({zone})</span>
          {c.timezone !== zone && (
            <>
              <br />
              {theirs} <span className="muted">{specialist}’s time ({c.timezone})</span>
            </>
          )}
        </dd>
        <dt>Confirmation</dt>
        <dd>
          An email with a calendar invite is on its way to <strong>{c.customerEmail}</strong>.
        </dd>
        <dt>Changes</dt>
        <dd>
          You can move or cancel it until {dateTime(c.cancellableUntil, zone)}
          {myBookingsHref ? (
            <>
              {' '}in{' '}
              <a href={myBookingsHref} onClick={(e) => {
                if (onNavigate) {
                  e.preventDefault();
                  onNavigate(myBookingsHref);
                }
              }}>
                My bookings
              </a>
              .
            </>
          ) : (
            '.'
          )}{' '}
          After that, please contact {specialist}.
        </dd>
        <dt>Reference</dt>
        <dd className="reference">{c.bookingId}</dd>
      </dl>
      <div className="form-actions">
        {invite.data && (
          <a className="button button-secondary" download="consulting-session.ics"
            href={`data:text/calendar;charset=utf-8,${encodeURIComponent(invite.data)}`}>
            Add to calendar
          </a>
        )}
        <button type="button" className="button button-primary" onClick={onAnother}>
          Book another time
        </button>
      </div>
    </section>
  );
}
