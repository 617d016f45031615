// Dates and times as people read them. A slot's instants (startsAt, endsAt) are UTC; the customer sees them in
// their own zone, the specialist in the slot's zone, where they were published.

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

/** HH:mm of an instant in a zone. */
export function localTime(instant: string | Date, zone: string): string {
  const p = parts(new Date(instant), zone);
  return `${p.hour}:${p.minute}`;
}

/** "10:00–11:00" in a zone. */
export function timeRange(startsAt: string, endsAt: string, zone: string): string {
  return `${localTime(startsAt, zone)}–${localTime(endsAt, zone)}`;
}

/** A calendar date (YYYY-MM-DD) for people: "Tuesday, 1 December 2026". */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** A calendar date for a list: "Tue 1 Dec 2026". */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** An instant for people, in a zone: "1 Dec 2026, 09:14". */
export function dateTime(instant: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(
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
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}T00:00:00Z`),
  );
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
