import { useState } from 'react';
import type { MyBooking, MyWaitlistPlace, Profile } from '../api/consultingSlots';
import { useCancelBooking, useLeaveWaitlist, useMyBookings, useMyWaitlist, useProfiles } from '../hooks/useConsultingSlots';
import { browserZone, dateTime, shortWhen, wallRange } from '../time';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { CancelBookingDialog } from './CancelBookingDialog';
import { MoveBookingDialog, type MovableBooking } from './MoveBookingDialog';
import { Empty, ErrorMessage, Skeleton, TabList } from './ui';

/** A booking or a waitlist place: who it is with and what for. */
type Session = Pick<MyBooking, 'specialistEmail' | 'serviceId'>;

/** Why a freed seat passed a customer by, in their words. */
const SKIPPED: Record<string, string> = {
  booking_limit_reached: 'you held as many bookings as you may',
  already_booked: 'you were already booked in it',
};

/**
 * The signed-in customer's bookings, upcoming and past, each with the specialist and the service. An upcoming one says
 * until when it can be moved or cancelled (the policy it was made under) and offers both until then: a move to another
 * open time of the specialist, and a cancellation, asking first, and for a reason when the policy requires one.
 */
export function MyBookings() {
  const zone = browserZone();
  const [tab, setTab] = useState<'upcoming' | 'past'>('upcoming');
  const bookings = useMyBookings(true, tab);
  const places = useMyWaitlist(tab === 'upcoming');
  const cancel = useCancelBooking();
  const [confirming, setConfirming] = useState<MyBooking | null>(null);
  const [moving, setMoving] = useState<MovableBooking | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const when = (b: MyBooking) => shortWhen(b.startsAt, b.endsAt, zone);
  // Who each booking and waitlist place is with and what for, from the specialists' profiles (their address until it is read).
  const specialists = [...(bookings.data ?? []), ...(places.data ?? [])].map((b) => b.specialistEmail);
  const profiles = new Map<string, Profile>(
    useProfiles(specialists).flatMap((p) => (p.data ? [[p.data.email.toLowerCase(), p.data] as const] : [])),
  );
  const who = (b: Session) => profiles.get(b.specialistEmail.toLowerCase())?.displayName ?? b.specialistEmail;
  const what = (b: Session) =>
    b.serviceId ? (profiles.get(b.specialistEmail.toLowerCase())?.services.find((s) => s.id === b.serviceId)?.title ?? b.serviceId) : null;
  const now = Date.now();
  // Until when it can be moved and cancelled online: one sentence when the two deadlines are one.
  const deadlines = (b: MyBooking, canMove: boolean, canCancel: boolean) => {
    const [move, cancelBy] = [dateTime(b.reschedulableUntil, zone), dateTime(b.cancellableUntil, zone)];
    const contact = `contact ${b.specialistEmail}`;
    if (b.reschedulableUntil === b.cancellableUntil) {
      return canCancel ? `Free to move or cancel until ${cancelBy}.` : `Online changes closed ${cancelBy}: to move or cancel now, ${contact}.`;
    }
    return `${canMove ? `Free to move until ${move}` : `Moving online closed ${move}`}; `
      + `${canCancel ? `to cancel until ${cancelBy}` : `cancelling online closed ${cancelBy}`}.`
      + (canMove && canCancel ? '' : ` For the rest, ${contact}.`);
  };

  return (
    <section className="page" aria-labelledby="mine-title">
      <div className="page-header">
        <h1 id="mine-title">My bookings</h1>
      </div>
      <p className={announcement ? 'notice notice-success' : 'visually-hidden'} role="status" aria-live="polite">
        {announcement}
      </p>
      <TabList label="Which bookings" panelId="bookings-panel" current={tab} onChange={setTab}
        tabs={[{ id: 'upcoming', label: 'Upcoming' }, { id: 'past', label: 'Past' }]} />
      <div id="bookings-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {bookings.isPending ? (
          <Skeleton label="Loading your bookings" />
        ) : bookings.error ? (
          <ErrorMessage error={bookings.error} onRetry={() => void bookings.refetch()} />
        ) : bookings.data.length === 0 ? (
          <Empty title={tab === 'upcoming' ? 'No upcoming bookings' : 'No past bookings yet'}>
            {tab === 'upcoming' && <p className="muted">Find a specialist to book a session.</p>}
          </Empty>
        ) : tab === 'past' ? (
          <ul className="slot-list" aria-label="Past bookings">
            {bookings.data.map((b) => (
              <li key={b.slotId} className="card booking-row" aria-label={when(b)}>
                <div>
                  <p className="slot-when">{when(b)}</p>
                  <p className="muted small">
                    {what(b) && <>{what(b)} </>}with {who(b)} · {b.duration} min
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <ul className="slot-list" aria-label="Upcoming bookings">
            {bookings.data.map((b) => {
              const [canCancel, canMove] = [Date.parse(b.cancellableUntil) >= now, Date.parse(b.reschedulableUntil) >= now];
              const deadline = `${b.slotId}-deadline`;
              return (
                <li key={b.slotId} className="card booking-row" aria-label={when(b)}>
                  <div>
                    <p className="slot-when">{when(b)}</p>
                    <p className="muted small">
                      {what(b) && <>{what(b)} </>}with {who(b)} · {b.duration} min
                      {b.timezone !== zone && ` · ${wallRange(b.startTime, b.endTime)} ${b.timezone}`}
                    </p>
                    <p className="small" id={deadline}>
                      {deadlines(b, canMove, canCancel)}
                    </p>
                  </div>
                  <div className="booking-actions">
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={!canMove}
                      aria-describedby={deadline}
                      onClick={() => setMoving({ slotId: b.slotId, specialistEmail: b.specialistEmail, serviceId: b.serviceId, when: when(b) })}
                      aria-label={`Move booking on ${when(b)}`}
                    >
                      Move
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={!canCancel}
                      aria-describedby={deadline}
                      onClick={() => {
                        cancel.reset();
                        setConfirming(b);
                      }}
                      aria-label={`Cancel booking on ${when(b)}`}
                    >
                      Cancel booking
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {tab === 'upcoming' && <Waitlists places={places} zone={zone} about={(p) => `${what(p) ? `${what(p)} ` : ''}with ${who(p)}`} onLeft={setAnnouncement} />}
      <CalendarFeedPanel what="your bookings" />
      <MoveBookingDialog
        booking={moving}
        onClose={() => setMoving(null)}
        onMoved={(moved, from) => {
          setAnnouncement(
            `Moved from ${from.when} to ${shortWhen(moved.startsAt, moved.endsAt, zone)}. `
              + `An updated invite is on its way to ${moved.customerEmail}.`,
          );
          setMoving(null);
        }}
      />
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

/**
 * The customer's waitlist places for sessions to come: their place in line and Leave while they wait; what became of the
 * place once a seat freed (booked, or passed by and why). Nothing when they wait for nothing.
 */
function Waitlists({ places, zone, about, onLeft }: {
  places: ReturnType<typeof useMyWaitlist>;
  zone: string;
  /** What the session is and with whom, as the bookings above say it. */
  about: (place: MyWaitlistPlace) => string;
  onLeft: (announcement: string) => void;
}) {
  const leave = useLeaveWaitlist();
  if (!places.data?.length) {
    return places.error ? <ErrorMessage error={places.error} onRetry={() => void places.refetch()} /> : null;
  }
  const when = (p: MyWaitlistPlace) => shortWhen(p.startsAt, p.endsAt, zone);
  const state = (p: MyWaitlistPlace) =>
    p.entry.status === 'waiting' ? `You’re number ${p.entry.position ?? 1} of ${p.waitingCount} waiting for a seat.`
      : p.entry.status === 'booked' ? 'A seat freed and you are booked: it is in your bookings above.'
      : `A seat freed, but ${SKIPPED[p.entry.skipReason ?? ''] ?? 'you could no longer book it'}, so it went to the next in line.`;
  return (
    <section aria-labelledby="waitlists-title" className="waitlists">
      <h2 id="waitlists-title">Waitlists</h2>
      {leave.error && <ErrorMessage error={leave.error} />}
      <ul className="slot-list" aria-label="Waitlists">
        {places.data.map((p) => (
          <li key={p.entry.id} className="card booking-row" aria-label={when(p)}>
            <div>
              <p className="slot-when">{when(p)}</p>
              <p className="muted small">{about(p)}</p>
              <p className="small">{state(p)}</p>
            </div>
            {p.entry.status === 'waiting' && (
              <div className="booking-actions">
                <button type="button" className="button button-secondary" disabled={leave.isPending}
                  aria-label={`Leave the waitlist for ${when(p)}`}
                  onClick={() => leave.mutate({ slotId: p.entry.slotId }, { onSuccess: () => onLeft(`You left the waitlist for ${when(p)}.`) })}>
                  Leave
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
