import { useState } from 'react';
import { useSpecialistSlots } from '../../hooks/useConsultingSlots';
import { CreateSlotModal } from './CreateSlotModal';
import { SeriesDialog } from './SeriesDialog';
import { SlotsList } from './SlotsList';
import { Empty, ErrorMessage, Skeleton, TabList } from '../ui';

type Tab = 'upcoming' | 'past';

/** The specialist's screen: publish slots, see every slot (upcoming or past) with its seats and bookings, act on it. */
export function ManageSlots({ specialistEmail }: { specialistEmail: string }) {
  const [tab, setTab] = useState<Tab>('upcoming');
  const [creating, setCreating] = useState(false);
  const [series, setSeries] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const slots = useSpecialistSlots(specialistEmail);
  const now = Date.now();
  const all = slots.data ?? [];
  const upcoming = all.filter((s) => new Date(s.endsAt).getTime() > now);
  const past = all.filter((s) => new Date(s.endsAt).getTime() <= now).reverse();
  const shown = tab === 'upcoming' ? upcoming : past;

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
        tabs={(['upcoming', 'past'] as const).map((t) => ({
          id: t,
          label: `${t === 'upcoming' ? 'Upcoming' : 'Past'} ${slots.data ? `(${t === 'upcoming' ? upcoming.length : past.length})` : ''}`.trim(),
        }))}
      />
      <div id="slots-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {slots.isPending ? (
          <Skeleton label="Loading your slots" />
        ) : slots.error ? (
          <ErrorMessage error={slots.error} onRetry={() => void slots.refetch()} />
        ) : shown.length === 0 ? (
          <Empty title={tab === 'upcoming' ? 'No upcoming slots' : 'No past slots yet'}>
            {tab === 'upcoming' && <p className="muted">Publish a slot and customers can book it right away.</p>}
          </Empty>
        ) : (
          <SlotsList slots={shown} past={tab === 'past'} onWholeSeries={setSeries} onDone={setAnnouncement} />
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
