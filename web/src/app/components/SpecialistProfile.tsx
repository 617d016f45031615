import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ApiProblem, type AvailableSlot, type BookingConfirmation, type Service } from '../api/consultingSlots';
import { limits } from '../api/limits';
import {
  SEATS_FALLBACK_MS, useAvailableSlots, useBookSlot, useJoinWaitlist, useLeaveWaitlist, useLiveSeats, useMyBookings, useMyWaitlist, useProfile,
} from '../hooks/useConsultingSlots';
import { Confirmation } from './Confirmation';
import {
  addDays,
  browserZone,
  localDate,
  longDate,
  monthGrid,
  monthName,
  monthOf,
  seatsLeft,
  timeRange,
  timeZones,
  wallRange,
  weekdayNames,
  weekStart,
} from '../time';
import { Empty, ErrorMessage, SeatMeter, Skeleton } from './ui';

/** How far ahead slots can be published, and so how far the calendar goes (the API's horizon). */
const HORIZON_DAYS = limits.maxDaysAhead;

/** A month's grid cut into its weeks. */
function weeks(cells: (string | null)[]): (string | null)[][] {
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

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
  /** Where the customer's bookings are, which the confirmation links to (a host without such a page leaves it out). */
  myBookingsHref?: string;
  /** Follows a link within the host's app without loading the page again (the shell's router). */
  onNavigate?: (href: string) => void;
}

/**
 * The customer's view of a specialist: a month calendar marking the days with open slots, the chosen day's slots
 * (times in the customer's zone, the specialist's zone beside them), seats left, and booking in one step.
 */
export function SpecialistProfile({ specialistEmail, canBook, onSignIn, timeZone, serviceId, onFindSpecialist, myBookingsHref, onNavigate }: Props) {
  const profile = useProfile(specialistEmail);
  if (profile.error instanceof ApiProblem && profile.error.code === 'specialist_not_found') {
    return <NoSpecialist email={specialistEmail} onFindSpecialist={onFindSpecialist} />;
  }
  const services = new Map((profile.data?.services ?? []).map((s) => [s.id, s]));
  return (
    <BookingPage specialistEmail={specialistEmail} name={profile.data?.displayName ?? specialistEmail}
      introduction={profile.data?.introduction ?? null} services={services} specialistZone={profile.data?.timezone ?? null}
      service={serviceId ? services.get(serviceId) : undefined} canBook={canBook} onSignIn={onSignIn} timeZone={timeZone}
      serviceId={serviceId} myBookingsHref={myBookingsHref} onNavigate={onNavigate} />
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

/** Where the zone a customer picked is remembered, in this browser. */
const ZONE_KEY = 'slots.zone';

/** Whether the browser knows the zone (a typed one may be half a name). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The zone the customer reads times in: the one given, else the one they picked here before, else the browser's. */
function useReadingZone(given: string | undefined): [string, (zone: string) => void] {
  const [picked, setPicked] = useState(() => {
    const saved = window.localStorage.getItem(ZONE_KEY);
    return saved && knownZone(saved) ? saved : null;
  });
  const pick = (zone: string) => {
    window.localStorage.setItem(ZONE_KEY, zone);
    setPicked(zone);
  };
  return [given ?? picked ?? browserZone(), pick];
}

/** The same day number in the month `offset` months away, or that month's last day when it is shorter. */
function sameDayIn(day: string, offset: number): string {
  const target = monthOf(day, offset);
  const last = addDays(monthOf(target, 1), -1);
  const candidate = `${target.slice(0, 8)}${day.slice(8)}`;
  return candidate > last ? last : candidate;
}

function BookingPage({ specialistEmail, name, introduction, specialistZone, services, service, canBook, onSignIn, timeZone, serviceId, myBookingsHref, onNavigate }: Props & {
  name: string;
  introduction: string | null;
  /** The zone the specialist works in, from their profile. */
  specialistZone: string | null;
  services: Map<string, Service>;
  service: Service | undefined;
}) {
  const [zone, pickZone] = useReadingZone(timeZone);
  const today = localDate(new Date(), zone);
  const firstMonth = monthOf(today);
  const lastMonth = monthOf(addDays(today, HORIZON_DAYS));
  // Seat counts stay current from the live stream; while it is down, the lists are read again now and then.
  const live = useLiveSeats(specialistEmail);
  const poll = live ? false : SEATS_FALLBACK_MS;
  // The calendar opens on the month of the next open slot within 30 days; the person may move from there.
  const soon = useAvailableSlots(specialistEmail, today, addDays(today, 30), serviceId, false, poll);
  const [picked, setPicked] = useState<string | null>(null);
  const next = soon.data?.[0];
  const month = picked ?? (next ? monthOf(localDate(next.startsAt, zone)) : firstMonth);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<BookingConfirmation | null>(null);
  const book = useBookSlot();
  const booking = useRef(false);
  // The booked slot's service, which the confirmation names (the API's answer is the booking's, not the slot's).
  const [bookedService, setBookedService] = useState<string | null>(null);
  // The slots the customer already holds a seat in (a group slot with seats left is still listed): marked, not offered.
  const mine = useMyBookings(canBook);
  const held = new Set((mine.data ?? []).map((b) => b.slotId));
  // A full slot whose waitlist is open is listed too: the customer may join its line, and sees their place in it.
  const myWaitlist = useMyWaitlist(canBook);
  const places = new Map((myWaitlist.data ?? []).filter((p) => p.entry.status === 'waiting').map((p) => [p.entry.slotId, p.entry.position ?? 0]));
  const join = useJoinWaitlist();
  const leave = useLeaveWaitlist();
  const [announcement, setAnnouncement] = useState('');

  // The API filters by the specialist's local date; a day either side covers every zone's shift into this month.
  const monthEnd = addDays(monthOf(month, 1), -1);
  const slots = useAvailableSlots(specialistEmail, addDays(month, -1), addDays(monthEnd, 1), serviceId, true, poll);
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
      onSuccess: (c) => {
        setBookedService(daySlots.find((s) => s.id === slotId)?.serviceId ?? null);
        setConfirmation(c);
      },
      onSettled: () => {
        booking.current = false;
      },
    });
  }

  const go = (offset: number) => {
    setPicked(monthOf(month, offset));
    setChosen(null);
  };

  // The calendar is a grid of days (the ARIA date grid): one day takes the Tab stop, the arrows move by day and week,
  // Home and End to the week's ends, Page Up and Page Down by month.
  const [focusDay, setFocusDay] = useState<string | null>(null);
  const grid = useRef<HTMLDivElement>(null);
  const moving = useRef(false);
  const tabStop = focusDay && focusDay >= month && focusDay <= monthEnd ? focusDay : (selected ?? (today >= month && today <= monthEnd ? today : month));
  useEffect(() => {
    if (moving.current) {
      moving.current = false;
      grid.current?.querySelector<HTMLButtonElement>(`[data-day="${tabStop}"]`)?.focus();
    }
  });
  const lastDay = addDays(monthOf(lastMonth, 1), -1);
  function onDayKey(e: KeyboardEvent, day: string) {
    const monday = weekStart(day);
    const target = {
      ArrowLeft: addDays(day, -1), ArrowRight: addDays(day, 1), ArrowUp: addDays(day, -7), ArrowDown: addDays(day, 7),
      Home: monday, End: addDays(monday, 6), PageUp: sameDayIn(day, -1), PageDown: sameDayIn(day, 1),
    }[e.key];
    if (!target) {
      return;
    }
    e.preventDefault();
    if (target < firstMonth || target > lastDay) {
      return;
    }
    if (monthOf(target) !== month) {
      setPicked(monthOf(target));
      setChosen(null);
    }
    setFocusDay(target);
    moving.current = true;
  }

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
          {name !== specialistEmail && <p className="muted small">{specialistEmail}</p>}
          {specialistZone && <p className="muted small">Works in {specialistZone} time.</p>}
          {timeZone === undefined && <ZonePicker zone={zone} onPick={pickZone} />}
        </div>
      </div>
      {confirmation ? (
        <Confirmation confirmation={confirmation} specialist={name} zone={zone} myBookingsHref={myBookingsHref} onNavigate={onNavigate}
          service={bookedService ? services.get(bookedService) : undefined} onAnother={() => setConfirmation(null)} />
      ) : (
      <>
      {book.error && <ErrorMessage error={book.error} />}
      {(join.error ?? leave.error) && <ErrorMessage error={join.error ?? leave.error} />}
      <p className={announcement ? 'notice notice-success' : 'visually-hidden'} role="status" aria-live="polite">
        {announcement}
      </p>
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
          <div className="calendar-grid" role="grid" aria-label={`Days in ${monthName(month)}`} ref={grid}>
            <div role="row" className="calendar-row">
              {weekdayNames().map((d) => (
                <span key={d.long} role="columnheader" className="calendar-weekday" aria-label={d.long}>
                  {d.short}
                </span>
              ))}
            </div>
            {weeks(monthGrid(month)).map((week) => (
              <div role="row" className="calendar-row" key={week.find((d) => d) ?? ''}>
                {week.map((day, i) => {
                  if (!day) {
                    return <span key={`blank-${i}`} role="gridcell" />;
                  }
                  const listed = byDay.get(day) ?? [];
                  const open = listed.filter((slot) => slot.remainingCapacity > 0).length;
                  // A day whose slots are all full but take a waitlist can still be chosen: its slots offer the line.
                  const waitlisted = listed.length - open;
                  return (
                    <span key={day} role="gridcell" aria-selected={day === selected}>
                      <button
                        type="button"
                        data-day={day}
                        tabIndex={day === tabStop ? 0 : -1}
                        className={`calendar-day${listed.length ? ' calendar-day-open' : ''}${day === selected ? ' calendar-day-selected' : ''}${day === today ? ' calendar-day-today' : ''}`}
                        aria-disabled={!listed.length}
                        aria-current={day === today ? 'date' : undefined}
                        aria-label={`${longDate(day)}${day === today ? ' (today)' : ''}${dayLabel(open, waitlisted)}`}
                        onKeyDown={(e) => onDayKey(e, day)}
                        onClick={() => {
                          setFocusDay(day);
                          if (listed.length) {
                            setChosen(day);
                          }
                        }}
                      >
                        {Number(day.slice(8))}
                      </button>
                    </span>
                  );
                })}
              </div>
            ))}
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
                      disabled={book.isPending || join.isPending || leave.isPending}
                      onBook={() => onBook(slot.id)}
                      place={places.get(slot.id)}
                      onJoin={() => {
                        setAnnouncement('');
                        leave.reset();
                        join.mutate(slot.id, {
                          onSuccess: (e) => setAnnouncement(`You’re number ${e.position ?? 1} on the waitlist. When a seat frees, you are booked and emailed.`),
                        });
                      }}
                      onLeave={() => {
                        setAnnouncement('');
                        join.reset();
                        leave.mutate({ slotId: slot.id }, { onSuccess: () => setAnnouncement('You left the waitlist.') });
                      }}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      </>
      )}
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
  /** The customer's place in the slot's waitlist (1: next), when they wait for it. */
  place?: number | undefined;
  onJoin?: (() => void) | undefined;
  onLeave?: (() => void) | undefined;
}

/** One open slot: its times in the customer's zone (and the specialist's, when it differs), seats left, Book. */
export function SlotCard({ slot, serviceTitle, zone, canBook, held = false, pending, disabled, onBook, onSignIn, place, onJoin, onLeave }: CardProps) {
  const theirs = `${wallRange(slot.startTime, slot.endTime)} ${slot.timezone}`;
  const mine = timeRange(slot.startsAt, slot.endsAt, zone);
  const taken = slot.totalCapacity - slot.remainingCapacity;
  const full = slot.remainingCapacity === 0;
  const seats = full ? `Full${slot.waitingCount ? `, ${slot.waitingCount} waiting` : ''}` : seatsLeft(slot.remainingCapacity, slot.totalCapacity);
  const waitlistAction = place ? (
    <div className="waitlist-place">
      <p className="badge badge-active">{`You’re number ${place} on the waitlist`}</p>
      <button type="button" className="button button-secondary" disabled={disabled} onClick={onLeave} aria-label={`Leave the waitlist for ${mine}`}>
        Leave
      </button>
    </div>
  ) : canBook ? (
    <button type="button" className="button button-secondary" disabled={disabled} onClick={onJoin} aria-label={`Join the waitlist for ${mine}`}>
      Join the waitlist
    </button>
  ) : (
    <button type="button" className="button button-secondary" onClick={onSignIn}>
      Sign in to join the waitlist
    </button>
  );
  return (
    <article className="card slot-card" aria-label={`${mine}, ${seats}${held ? ', you’re booked' : ''}`}>
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
            <strong>{seats}</strong>
            {slot.totalCapacity > 1 && <span className="muted"> of {slot.totalCapacity}</span>}
          </span>
        </p>
      </div>
      {held ? (
        <p className="badge badge-active">You’re booked</p>
      ) : full ? (
        waitlistAction
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

/**
 * The zone the page reads times in: the browser's at first; another may be searched for and picked, and is remembered in
 * this browser. A name the browser does not know is not taken.
 */
function ZonePicker({ zone, onPick }: { zone: string; onPick: (zone: string) => void }) {
  const [text, setText] = useState(zone);
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <p className="muted small">
        Times in your zone, {zone}.{' '}
        <button type="button" className="button-link" onClick={() => { setText(zone); setEditing(true); }}>
          Change zone
        </button>
      </p>
    );
  }
  const valid = knownZone(text.trim());
  return (
    <form className="zone-picker" onSubmit={(e) => { e.preventDefault(); if (valid) { onPick(text.trim()); setEditing(false); } }}>
      <label htmlFor="reading-zone">Show times in</label>
      <div className="input-row">
        <input id="reading-zone" type="text" list="reading-zones" autoComplete="off" value={text} autoFocus
          aria-invalid={!valid} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button-secondary" disabled={!valid}>
          Use it
        </button>
      </div>
      <datalist id="reading-zones">
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </form>
  );
}

/** What a calendar day says after its date: its open slots, and its full ones whose waitlist takes customers. */
function dayLabel(open: number, waitlisted: number): string {
  const slots = (n: number) => (n === 1 ? 'slot' : 'slots');
  if (!open && !waitlisted) return ', no open slots';
  const parts = [
    ...(open ? [`${open} open ${slots(open)}`] : []),
    ...(waitlisted ? [`${waitlisted} full ${slots(waitlisted)} with a waitlist`] : []),
  ];
  return `, ${parts.join(', ')}`;
}
