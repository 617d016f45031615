import { useRef, useState } from 'react';
import { ApiProblem, type AvailableSlot, type BookingConfirmation, type Service } from '../api/consultingSlots';
import { limits } from '../api/limits';
import { useAvailableSlots, useBookingCalendar, useBookSlot, useMyBookings, useProfile } from '../hooks/useConsultingSlots';
import {
  addDays,
  browserZone,
  dateTime,
  localDate,
  longDate,
  monthGrid,
  monthName,
  monthOf,
  seatsLeft,
  timeRange,
} from '../time';
import { Empty, ErrorMessage, SeatMeter, Skeleton } from './ui';

/** How far ahead slots can be published, and so how far the calendar goes (the API's horizon). */
const HORIZON_DAYS = limits.maxDaysAhead;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface Props {
  specialistEmail: string;
  /** Whether the person may book (a signed-in customer); otherwise the cards offer to sign in. */
  canBook: boolean;
  onSignIn?: () => void;
  /** The customer's zone; the browser's by default. */
  timeZone?: string;
  /** The service the page is for (a Service Card's link): its slots and those for all consulting. */
  serviceId?: string | undefined;
  /** Opens the directory, offered when the address is nobody's. */
  onFindSpecialist?: () => void;
}

/**
 * The customer's view of a specialist: a month calendar marking the days with open slots, the chosen day's slots
 * (times in the customer's zone, the specialist's zone beside them), seats left, and booking in one step.
 */
export function SpecialistProfile({ specialistEmail, canBook, onSignIn, timeZone, serviceId, onFindSpecialist }: Props) {
  const profile = useProfile(specialistEmail);
  if (profile.error instanceof ApiProblem && profile.error.code === 'specialist_not_found') {
    return <NoSpecialist email={specialistEmail} onFindSpecialist={onFindSpecialist} />;
  }
  const services = new Map((profile.data?.services ?? []).map((s) => [s.id, s]));
  return (
    <BookingPage specialistEmail={specialistEmail} name={profile.data?.displayName ?? specialistEmail}
      introduction={profile.data?.introduction ?? null} services={services}
      service={serviceId ? services.get(serviceId) : undefined} canBook={canBook} onSignIn={onSignIn} timeZone={timeZone}
      serviceId={serviceId} />
  );
}

/** An address nobody publishes under (a typo, most often): said so, not shown as a specialist with no free time. */
function NoSpecialist({ email, onFindSpecialist }: { email: string; onFindSpecialist: (() => void) | undefined }) {
  return (
    <section className="page page-narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">No specialist with that address</h1>
      <p>
        Nobody publishes consulting slots as <strong>{email}</strong>. Check the spelling of the address, or look for the
        specialist by name.
      </p>
      {onFindSpecialist && (
        <button type="button" className="button button-primary" onClick={onFindSpecialist}>
          Find a specialist
        </button>
      )}
    </section>
  );
}

function BookingPage({ specialistEmail, name, introduction, services, service, canBook, onSignIn, timeZone, serviceId }: Props & {
  name: string;
  introduction: string | null;
  services: Map<string, Service>;
  service: Service | undefined;
}) {
  const zone = timeZone ?? browserZone();
  const today = localDate(new Date(), zone);
  const firstMonth = monthOf(today);
  const lastMonth = monthOf(addDays(today, HORIZON_DAYS));
  // The calendar opens on the month of the next open slot within 30 days; the person may move from there.
  const soon = useAvailableSlots(specialistEmail, today, addDays(today, 30), serviceId);
  const [picked, setPicked] = useState<string | null>(null);
  const next = soon.data?.[0];
  const month = picked ?? (next ? monthOf(localDate(next.startsAt, zone)) : firstMonth);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<BookingConfirmation | null>(null);
  const book = useBookSlot();
  const booking = useRef(false);
  const invite = useBookingCalendar(confirmation?.slotId ?? null);
  // The slots the customer already holds a seat in (a group slot with seats left is still listed): marked, not offered.
  const mine = useMyBookings(canBook);
  const held = new Set((mine.data ?? []).map((b) => b.slotId));

  // The API filters by the specialist's local date; a day either side covers every zone's shift into this month.
  const monthEnd = addDays(monthOf(month, 1), -1);
  const slots = useAvailableSlots(specialistEmail, addDays(month, -1), addDays(monthEnd, 1), serviceId);
  const byDay = new Map<string, AvailableSlot[]>();
  for (const slot of slots.data ?? []) {
    const day = localDate(slot.startsAt, zone);
    if (day >= month && day <= monthEnd) {
      byDay.set(day, [...(byDay.get(day) ?? []), slot]);
    }
  }
  const days = [...byDay.keys()].sort();
  const selected = chosen && byDay.has(chosen) ? chosen : (days[0] ?? null);
  const daySlots = selected ? (byDay.get(selected) ?? []) : [];

  function onBook(slotId: string) {
    // A double click sends one booking: the flag is set before React re-renders the button as disabled.
    if (booking.current) {
      return;
    }
    booking.current = true;
    setConfirmation(null);
    book.mutate(slotId, {
      onSuccess: (c) => setConfirmation(c),
      onSettled: () => {
        booking.current = false;
      },
    });
  }

  const go = (offset: number) => {
    setPicked(monthOf(month, offset));
    setChosen(null);
  };
  const nothingSoon = picked === null && soon.data?.length === 0;

  return (
    <section className="page" aria-labelledby="profile-title">
      <div className="page-header">
        <div>
          <p className="eyebrow">Book a session with</p>
          <h1 id="profile-title">{name}</h1>
          {service && (
            <p className="profile-service">
              <strong>{service.title}</strong>
              {service.durationMinutes ? <> · {service.durationMinutes} min</> : null}
              {service.description ? <> — {service.description}</> : null}
            </p>
          )}
          {introduction && <p className="profile-intro">{introduction}</p>}
          <p className="muted small">
            {name !== specialistEmail && <>{specialistEmail} · </>}times in your zone, {zone}
          </p>
        </div>
      </div>
      <div role="status" aria-live="polite" className={confirmation ? 'notice notice-success' : 'visually-hidden'}>
        {confirmation && (
          <>
            <p>
              <strong>Booked.</strong> {longDate(confirmation.date)}, {confirmation.startTime}–{confirmation.endTime} (
              {confirmation.timezone})
              {confirmation.timezone !== zone && <> — {timeRange(confirmation.startsAt, confirmation.endsAt, zone)} your time</>}
            </p>
            <p className="small">
              A confirmation with a calendar invite is on its way to <strong>{confirmation.customerEmail}</strong>. You can
              cancel until {dateTime(confirmation.cancellableUntil, zone)} from your bookings.
              Reference {confirmation.bookingId}.
            </p>
            {invite.data && (
              <p>
                <a className="button button-secondary" download="consulting-session.ics"
                  href={`data:text/calendar;charset=utf-8,${encodeURIComponent(invite.data)}`}>
                  Add to calendar
                </a>
              </p>
            )}
          </>
        )}
      </div>
      {book.error && <ErrorMessage error={book.error} />}
      <div className="profile">
        <div className="calendar card">
          <div className="calendar-header">
            <button type="button" className="button button-ghost" onClick={() => go(-1)} disabled={month <= firstMonth}
              aria-label="Previous month">
              ‹
            </button>
            <h2 aria-live="polite">{monthName(month)}</h2>
            <button type="button" className="button button-ghost" onClick={() => go(1)} disabled={month >= lastMonth}
              aria-label="Next month">
              ›
            </button>
          </div>
          <div className="calendar-grid" role="group" aria-label={`Days in ${monthName(month)}`}>
            {WEEKDAYS.map((d) => (
              <span key={d} className="calendar-weekday" aria-hidden="true">
                {d}
              </span>
            ))}
            {monthGrid(month).map((day, i) => {
              if (!day) {
                return <span key={`blank-${i}`} aria-hidden="true" />;
              }
              const open = byDay.get(day)?.length ?? 0;
              return (
                <button
                  key={day}
                  type="button"
                  className={`calendar-day${open ? ' calendar-day-open' : ''}${day === selected ? ' calendar-day-selected' : ''}`}
                  disabled={!open}
                  aria-pressed={day === selected}
                  aria-label={`${longDate(day)}${open ? `, ${open} open ${open === 1 ? 'slot' : 'slots'}` : ', no open slots'}`}
                  onClick={() => setChosen(day)}
                >
                  {Number(day.slice(8))}
                </button>
              );
            })}
          </div>
        </div>
        <div className="day-slots">
          {slots.isPending || soon.isPending ? (
            <Skeleton label="Loading open slots" />
          ) : slots.error ? (
            <ErrorMessage error={slots.error} onRetry={() => void slots.refetch()} />
          ) : !selected ? (
            <Empty title={nothingSoon ? 'No open slots in the next 30 days' : `No open slots in ${monthName(month)}`}>
              {month < lastMonth && (
                <button type="button" className="button button-secondary" onClick={() => go(1)}>
                  Look at {monthName(monthOf(month, 1))}
                </button>
              )}
            </Empty>
          ) : (
            <>
              <h2 className="day-title">{longDate(selected)}</h2>
              <ul className="slot-cards" aria-label={`Open slots on ${longDate(selected)}`}>
                {daySlots.map((slot) => (
                  <li key={slot.id}>
                    <SlotCard
                      slot={slot}
                      serviceTitle={slot.serviceId ? services.get(slot.serviceId)?.title : undefined}
                      zone={zone}
                      canBook={canBook}
                      held={held.has(slot.id)}
                      onSignIn={onSignIn}
                      pending={book.isPending && book.variables === slot.id}
                      disabled={book.isPending}
                      onBook={() => onBook(slot.id)}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

interface CardProps {
  slot: AvailableSlot;
  /** The title of the slot's service, from the specialist's profile; its id when the profile does not name it. */
  serviceTitle?: string | undefined;
  zone: string;
  canBook: boolean;
  /** Whether the customer already holds a seat in it. */
  held?: boolean;
  pending: boolean;
  disabled: boolean;
  onBook: () => void;
  onSignIn: (() => void) | undefined;
}

/** One open slot: its times in the customer's zone (and the specialist's, when it differs), seats left, Book. */
export function SlotCard({ slot, serviceTitle, zone, canBook, held = false, pending, disabled, onBook, onSignIn }: CardProps) {
  const theirs = `${slot.startTime}–${slot.endTime} ${slot.timezone}`;
  const mine = timeRange(slot.startsAt, slot.endsAt, zone);
  const taken = slot.totalCapacity - slot.remainingCapacity;
  return (
    <article className="card slot-card" aria-label={`${mine}, ${seatsLeft(slot.remainingCapacity, slot.totalCapacity)}${held ? ', you’re booked' : ''}`}>
      <div>
        <p className="slot-time" title={`Specialist's time: ${theirs}`}>
          {mine}
        </p>
        <p className="muted small">
          {slot.duration} min{slot.serviceId ? ` · ${serviceTitle ?? slot.serviceId}` : ''}
          {slot.timezone !== zone && <> · {theirs}</>}
        </p>
        <p className="seats">
          <SeatMeter taken={taken} total={slot.totalCapacity} />
          <span>
            <strong>{seatsLeft(slot.remainingCapacity, slot.totalCapacity)}</strong>
            {slot.totalCapacity > 1 && <span className="muted"> of {slot.totalCapacity}</span>}
          </span>
        </p>
      </div>
      {held ? (
        <p className="badge badge-active">You’re booked</p>
      ) : canBook ? (
        <button type="button" className="button button-primary" disabled={disabled} onClick={onBook}
          aria-label={`Book ${mine}`}>
          {pending ? 'Booking…' : 'Book'}
        </button>
      ) : (
        <button type="button" className="button button-secondary" onClick={onSignIn}>
          Sign in to book
        </button>
      )}
    </article>
  );
}
