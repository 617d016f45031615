// Dates and times as people read them, in the browser's language (en-US: "9:00 AM", en-GB: "09:00"). A slot's instants
// (startsAt, endsAt) are UTC; the customer sees them in their own zone, the specialist in the slot's zone, where they
// were published. Dates and times as data (YYYY-MM-DD, HH:mm) are never formatted for people here but by the
// functions below.

/** The browser's preferred language, which every date and time on the page is written in. */
export function locale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator.languages?.[0] ?? navigator.language);
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, the browser's own and UTC first. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([browserZone(), 'UTC', ...known])];
}

const parts = (instant: Date, zone: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(instant: string | Date, zone: string): string {
  const p = parts(new Date(instant), zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** HH:mm of an instant in a zone, as data. */
export function localTime(instant: string | Date, zone: string): string {
  const p = parts(new Date(instant), zone);
  return `${p.hour}:${p.minute}`;
}

/** An instant's time of day in a zone, for people: "09:00", or "9:00 AM" in en-US. */
export function clockTime(instant: string | Date, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}

/** "10:00–11:00" in a zone, in the browser's language. */
export function timeRange(startsAt: string, endsAt: string, zone: string): string {
  return `${clockTime(startsAt, zone)}–${clockTime(endsAt, zone)}`;
}

/** When a session is, in a zone, for a list: "Tue 15 Dec 2026, 10:00–11:00". */
export function shortWhen(startsAt: string, endsAt: string, zone: string): string {
  return `${shortDate(localDate(startsAt, zone))}, ${timeRange(startsAt, endsAt, zone)}`;
}

/** A wall-clock range (HH:mm, as a slot stores it) for people: "10:00–11:00", or "10:00 AM–11:00 AM" in en-US. */
export function wallRange(start: string, end: string): string {
  return `${clockTime(`1970-01-01T${start}:00Z`, 'UTC')}–${clockTime(`1970-01-01T${end}:00Z`, 'UTC')}`;
}

/** A calendar date (YYYY-MM-DD) for people: "Tuesday, 1 December 2026". */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** A calendar date for a list: "Tue 1 Dec 2026". */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** An instant for people, in a zone: "1 Dec 2026, 09:14". */
export function dateTime(instant: string, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
    new Date(instant),
  );
}

/** YYYY-MM-DD plus whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of a date's week (weeks run Monday to Sunday, as the calendar shows them). */
export function weekStart(date: string): string {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}

/** The first of the month of a date, and of the months around it. */
export function monthOf(date: string, offset = 0): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 10);
}

export function monthName(month: string): string {
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}T00:00:00Z`),
  );
}

/** The weekdays from Monday, short ("Mon") and long ("Monday"), in the browser's language. */
export function weekdayNames(): { short: string; long: string }[] {
  const name = (style: 'short' | 'long', day: number) =>
    new Intl.DateTimeFormat(locale(), { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day)));
  return Array.from({ length: 7 }, (_, day) => ({ short: name('short', day), long: name('long', day) }));
}

/** The days of a month's grid, weeks from Monday, null where the grid has no day of this month. */
export function monthGrid(month: string): (string | null)[] {
  const first = new Date(`${month}T00:00:00Z`);
  const lead = (first.getUTCDay() + 6) % 7;
  const days = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let day = 0; day < days; day++) {
    cells.push(addDays(month, day));
  }
  while (cells.length % 7 !== 0) {
    cells.push(null);
  }
  return cells;
}

/** "1 seat left", "2 seats left" of a group; a free 1:1 session is simply "Available". */
export function seatsLeft(remaining: number, total: number): string {
  return total === 1 ? 'Available' : remaining === 1 ? '1 seat left' : `${remaining} seats left`;
}
