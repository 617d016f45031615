import { useState } from 'react';
import type { Booking } from '../../api/consultingSlots';
import { useCancelledBookings } from '../../hooks/useConsultingSlots';
import { browserZone, dateTime } from '../../time';
import { ErrorMessage, Skeleton } from '../ui';

const byWhom: Record<NonNullable<Booking['cancellation']>['by'], string> = {
  customer: 'by the customer',
  specialist: 'by you',
  admin: 'by an administrator',
  service: 'by a service for the customer',
};

/** A slot's cancelled bookings, read when opened: who, when, by whom, why, and whether after the customer's deadline. */
export function CancelledBookings({ slotId }: { slotId: string }) {
  const [open, setOpen] = useState(false);
  const cancelled = useCancelledBookings(slotId, open);
  const zone = browserZone();
  return (
    <details className="cancelled" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Cancelled bookings</summary>
      {!open ? null : cancelled.isPending ? (
        <Skeleton label="Loading cancelled bookings" rows={1} />
      ) : cancelled.error ? (
        <ErrorMessage error={cancelled.error} onRetry={() => void cancelled.refetch()} />
      ) : cancelled.data.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul>
          {cancelled.data.map((b) => (
            <li key={b.id} className="booking">
              <span>
                <strong>{b.customerName}</strong> <span className="muted">{b.customerEmail}</span>
                <br />
                <span className="muted small">
                  cancelled {b.cancelledAt ? dateTime(b.cancelledAt, zone) : ''} {b.cancellation ? byWhom[b.cancellation.by] : ''}
                  {b.cancellation?.late ? ', after their deadline' : ''}
                </span>
                {b.cancellation?.reason && (
                  <>
                    <br />
                    <span className="small">“{b.cancellation.reason}”</span>
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
