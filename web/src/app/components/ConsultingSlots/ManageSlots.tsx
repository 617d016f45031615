import { useState } from 'react';
import type { ScheduleFilter } from '../../api/consultingSlots';
import { useProfile, useSpecialistSlots } from '../../hooks/useConsultingSlots';
import { CreateSlotModal } from './CreateSlotModal';
import { SeriesDialog } from './SeriesDialog';
import { SlotsList } from './SlotsList';
import { Empty, ErrorMessage, Skeleton, TabList } from '../ui';

type Tab = NonNullable<ScheduleFilter['when']>;
type Narrowing = Omit<ScheduleFilter, 'when'>;

/**
 * The specialist's screen: publish slots, see them (upcoming or past) a page at a time, grouped by week and day, narrowed
 * by service, status and whether anyone booked, and act on each.
 */
export function ManageSlots({ specialistEmail }: { specialistEmail: string }) {
  const [tab, setTab] = useState<Tab>('upcoming');
  const [narrowing, setNarrowing] = useState<Narrowing>({});
  const [creating, setCreating] = useState(false);
  const [series, setSeries] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const slots = useSpecialistSlots(specialistEmail, { when: tab, ...narrowing });
  const profile = useProfile(specialistEmail);
  const services = new Map((profile.data?.services ?? []).map((s) => [s.id, s]));
  const shown = slots.data?.pages.flatMap((p) => p.items) ?? [];
  const narrowed = Object.values(narrowing).some((v) => v !== undefined);
  const narrow = (change: Narrowing) =>
    setNarrowing(Object.fromEntries(Object.entries({ ...narrowing, ...change }).filter(([, v]) => v !== undefined)));

  return (
    <section className="page" aria-labelledby="manage-title">
      <div className="page-header">
        <div>
          <h1 id="manage-title">Manage slots</h1>
          <p className="muted">{specialistEmail}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          New slot
        </button>
      </div>
      <p className={announcement ? 'notice notice-success' : 'visually-hidden'} role="status" aria-live="polite">
        {announcement}
      </p>
      <TabList
        label="Which slots"
        panelId="slots-panel"
        current={tab}
        onChange={setTab}
        tabs={[{ id: 'upcoming', label: 'Upcoming' }, { id: 'past', label: 'Past' }]}
      />
      <div className="filters" role="group" aria-label="Show only">
        {services.size > 0 && (
          <Choice label="Service" value={narrowing.serviceId} onChange={(serviceId) => narrow({ serviceId })}
            options={[...services.values()].map((s) => [s.id, `${s.title} (and any service)`] as const)} />
        )}
        <Choice label="Status" value={narrowing.status} onChange={(status) => narrow({ status })}
          options={[['active', 'Open for booking'], ['inactive', 'Closed for booking']] as const} />
        <Choice label="Bookings" value={narrowing.booked === undefined ? undefined : String(narrowing.booked)}
          onChange={(b) => narrow({ booked: b === undefined ? undefined : b === 'true' })}
          options={[['true', 'Someone booked'], ['false', 'Nobody booked']] as const} />
      </div>
      <div id="slots-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} aria-busy={slots.isFetching}>
        {slots.isPending ? (
          <Skeleton label="Loading your slots" />
        ) : slots.error && shown.length === 0 ? (
          <ErrorMessage error={slots.error} onRetry={() => void slots.refetch()} />
        ) : shown.length === 0 ? (
          narrowed ? (
            <Empty title="No slots match">
              <button type="button" className="button button-secondary" onClick={() => setNarrowing({})}>
                Show all
              </button>
            </Empty>
          ) : (
            <Empty title={tab === 'upcoming' ? 'No upcoming slots' : 'No past slots yet'}>
              {tab === 'upcoming' && <p className="muted">Publish a slot and customers can book it right away.</p>}
            </Empty>
          )
        ) : (
          <>
            <SlotsList slots={shown} past={tab === 'past'} services={services} onWholeSeries={setSeries} onDone={setAnnouncement} />
            <div className="list-footer">
              <p className="muted small" role="status">
                {shown.length === 1 ? '1 slot' : `${shown.length} slots`}
                {slots.hasNextPage ? ' shown; there are more.' : '.'}
              </p>
              {slots.error ? <ErrorMessage error={slots.error} onRetry={() => void slots.fetchNextPage()} /> : null}
              {slots.hasNextPage && (
                <button type="button" className="button button-secondary" disabled={slots.isFetchingNextPage}
                  onClick={() => void slots.fetchNextPage()}>
                  {slots.isFetchingNextPage ? 'Loading…' : 'Show more'}
                </button>
              )}
            </div>
          </>
        )}
      </div>
      <SeriesDialog seriesId={series} onClose={() => setSeries(null)} />
      <CreateSlotModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(_, count) => {
          setTab('upcoming');
          setAnnouncement(count === 1 ? 'Slot published.' : `${count} slots published.`);
        }}
      />
    </section>
  );
}

/** A filter: a labelled select whose first option, "Any", leaves it out. */
function Choice<T extends string>({ label, value, options, onChange }: {
  label: string;
  value: T | undefined;
  options: readonly (readonly [T, string])[];
  onChange: (value: T | undefined) => void;
}) {
  const id = `filter-${label.toLowerCase()}`;
  return (
    <span className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as T))}>
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </span>
  );
}
