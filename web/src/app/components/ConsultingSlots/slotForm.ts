import type { NewSeries, NewSlot } from '../../api/consultingSlots';
import { addDays, browserZone, localDate } from '../../time';

export const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Day = (typeof days)[number];

/** What the create form holds, as the inputs hold it (text): one slot's fields, and the weekly pattern's besides. */
export interface SlotForm {
  date: string;
  startTime: string;
  endTime: string;
  timezone: string;
  totalCapacity: string;
  serviceId: string;
  until: string;
  slotMinutes: string;
  gapMinutes: string;
  /** The weekdays ticked; none means the start date's own. */
  weekdays: Day[];
}

/** Tomorrow, 09:00–10:00 in the browser's zone, one seat; repeating for four weeks. */
export function newSlotForm(): SlotForm {
  const zone = browserZone();
  const date = addDays(localDate(new Date(), zone), 1);
  return {
    date, startTime: '09:00', endTime: '10:00', timezone: zone, totalCapacity: '1', serviceId: '',
    until: addDays(date, 27), slotMinutes: '', gapMinutes: '0', weekdays: [],
  };
}

export const weekdayOf = (date: string): Day => days[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'monday';

export const minutesBetween = (start: string, end: string) => {
  const [sh = 0, sm = 0] = start.split(':').map(Number);
  const [eh = 0, em = 0] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
};

/** The weekdays a series repeats on: those ticked, or the start date's. */
export const chosenDays = (form: SlotForm): Day[] => (form.weekdays.length > 0 ? form.weekdays : [weekdayOf(form.date)]);

/** What a slot and a series both say of their slots: the zone, the seats and the service. */
const slotTerms = (form: SlotForm) => ({
  timezone: form.timezone,
  totalCapacity: Number(form.totalCapacity),
  serviceId: form.serviceId.trim() || null,
});

export const toSlot = (form: SlotForm): NewSlot => ({
  date: form.date,
  startTime: form.startTime,
  endTime: form.endTime,
  ...slotTerms(form),
});

/** The pattern: the window from start to end on each chosen day, cut into slots (one slot of the window when blank). */
export const toSeries = (form: SlotForm): NewSeries => ({
  from: form.date,
  to: form.until,
  weekdays: chosenDays(form),
  windows: [{ startTime: form.startTime, endTime: form.endTime }],
  slotMinutes: Number(form.slotMinutes) || minutesBetween(form.startTime, form.endTime),
  gapMinutes: Number(form.gapMinutes) || 0,
  ...slotTerms(form),
});
