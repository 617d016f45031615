import { useState } from 'react';
import type { SlotStatus } from '../../api/consultingSlots';
import { useChangeSeries, useDeleteSeries } from '../../hooks/useConsultingSlots';
import { Dialog, ErrorMessage } from '../ui';
import { slotStatus } from './slotStatus';

/**
 * The whole series a slot was made in: open or close its upcoming slots, or delete those nobody booked. It lives beside
 * the list, not in a slot's row, since deleting the series may remove the very row it was opened from.
 */
export function SeriesDialog({ seriesId, onClose }: { seriesId: string | null; onClose: () => void }) {
  const [done, setDone] = useState('');
  // The two actions customers would notice (no more booking, slots gone) ask first; opening them again does not.
  const [asking, setAsking] = useState<'deactivate' | 'delete' | null>(null);
  const change = useChangeSeries();
  const remove = useDeleteSeries();
  const pending = change.isPending || remove.isPending;
  const setStatus = (status: SlotStatus) =>
    change.mutate(
      { seriesId: seriesId!, status },
      {
        onSuccess: (r) => {
          setAsking(null);
          setDone(`${r.changed} slot${r.changed === 1 ? '' : 's'} ${slotStatus[status].reached} for booking.`);
        },
      },
    );
  const deleteUnbooked = () =>
    remove.mutate(seriesId!, {
      onSuccess: (r) => {
        setAsking(null);
        setDone(
          `${r.deleted.length} slot${r.deleted.length === 1 ? '' : 's'} deleted` +
            (r.kept.length > 0 ? `; ${r.kept.length} kept because someone booked them.` : '.'),
        );
      },
    });
  const close = () => {
    setDone('');
    setAsking(null);
    change.reset();
    remove.reset();
    onClose();
  };

  return (
    <Dialog open={seriesId !== null} title="The whole series" onClose={close}>
      <p>Act on every upcoming slot of this weekly series at once. Past slots stay as they were.</p>
      <p role="status" aria-live="polite">
        {done}
      </p>
      {change.error || remove.error ? <ErrorMessage error={change.error ?? remove.error} /> : null}
      {asking ? (
        <div className="notice notice-info" role="group" aria-label="Confirm">
          <p>
            {asking === 'delete'
              ? 'Delete every upcoming slot of this series that nobody has booked? Booked slots stay, with their customers.'
              : 'Close every upcoming slot of this series for booking? Customers who booked keep their seats; nobody new can book.'}
          </p>
          <div className="form-actions">
            <button type="button" className="button button-secondary" disabled={pending} onClick={() => setAsking(null)}>
              Back
            </button>
            <button type="button" className="button button-danger" disabled={pending}
              onClick={() => (asking === 'delete' ? deleteUnbooked() : setStatus('inactive'))}>
              {asking === 'delete' ? 'Yes, delete unbooked' : 'Yes, deactivate all'}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-secondary" disabled={pending} onClick={() => { setDone(''); setAsking('deactivate'); }}>
            Deactivate all
          </button>
          <button type="button" className="button button-secondary" disabled={pending} onClick={() => setStatus('active')}>
            Activate all
          </button>
          <button type="button" className="button button-danger" disabled={pending} onClick={() => { setDone(''); setAsking('delete'); }}>
            Delete unbooked
          </button>
        </div>
      )}
    </Dialog>
  );
}
