import type { Service, Slot } from '../../api/consultingSlots';
import { browserZone, longDate, shortDate, wallRange, weekStart } from '../../time';
import { SeatMeter } from '../ui';
import { SlotActions } from './SlotActions';
import { slotStatus } from './slotStatus';

/** Runs of consecutive items that share a key, in the list's order (the slots come sorted, soonest or latest first). */
function runs<T>(items: readonly T[], key: (item: T) => string): { key: string; items: T[] }[] {
  const out: { key: string; items: T[] }[] = [];
  for (const item of items) {
    const k = key(item);
    if (out.at(-1)?.key === k) {
      out.at(-1)!.items.push(item);
    } else {
      out.push({ key: k, items: [item] });
    }
  }
  return out;
}

/** "Bea, Cal and 3 more": who holds the seats, short enough for one row. */
function who(slot: Slot): string {
  const names = slot.bookings.map((b) => b.customerName);
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/**
 * The specialist's slots, grouped by week and day, one compact row each: time, service, seats taken, who, status, and
 * the slot's actions in a menu.
 */
export function SlotsList({ slots, past, services, onWholeSeries, onDone }: {
  slots: Slot[];
  past: boolean;
  services: Map<string, Service>;
  onWholeSeries?: (seriesId: string) => void;
  onDone?: (what: string) => void;
}) {
  const zone = browserZone();
  return (
    <section className="schedule" aria-label={past ? 'Past slots' : 'Upcoming slots'}>
      {runs(slots, (s) => weekStart(s.date)).map((week) => (
        <div key={week.key} className="schedule-week">
          <h2 className="schedule-week-title">Week of {shortDate(week.key)}</h2>
          {runs(week.items, (s) => s.date).map((day) => (
            <div key={day.key} className="schedule-day">
              <h3 className="schedule-day-title" id={`day-${day.key}`}>
                {longDate(day.key)}
              </h3>
              <ul className="slot-rows" aria-labelledby={`day-${day.key}`}>
                {day.items.map((slot) => (
                  <li key={slot.id} className="slot-row" aria-label={`${shortDate(slot.date)} ${wallRange(slot.startTime, slot.endTime)}`}>
                    <span className="slot-time">
                      {wallRange(slot.startTime, slot.endTime)}
                      {slot.timezone !== zone && <span className="muted small"> {slot.timezone}</span>}
                    </span>
                    <span className="slot-service muted small">
                      {slot.serviceId ? (services.get(slot.serviceId)?.title ?? slot.serviceId) : 'Any service'} · {slot.duration} min
                    </span>
                    <span className="seats">
                      <SeatMeter taken={slot.bookedCount} total={slot.totalCapacity} />
                      {slot.bookedCount} of {slot.totalCapacity} booked
                      {slot.heldCount > 0 && `, ${slot.heldCount} held`}
                    </span>
                    <span className="slot-who">{who(slot)}</span>
                    <span className={`badge badge-${past ? 'past' : slot.status}`}>{past ? 'Past' : slotStatus[slot.status].label}</span>
                    <SlotActions slot={slot} past={past} onWholeSeries={onWholeSeries} onDone={onDone} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
