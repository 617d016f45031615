import { useState } from 'react';
import { useCalendarFeed, useChangeCalendarFeed } from '../hooks/useConsultingSlots';
import { copyText, Dialog, ErrorMessage, Skeleton } from './ui';

/**
 * The caller's private calendar feed: an address a calendar app subscribes to (their slots for a specialist, their
 * bookings for a customer), to copy, replace (the old one stops at once) or turn off. Anyone with the address reads the
 * feed, so the panel says so.
 */
export function CalendarFeedPanel({ what }: { what: string }) {
  const feed = useCalendarFeed();
  const change = useChangeCalendarFeed();
  const [asking, setAsking] = useState<'rotate' | 'delete' | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function run(kind: 'issue' | 'delete', done: string) {
    setAnnouncement('');
    change.mutate(kind, {
      onSuccess: () => {
        setAnnouncement(done);
        setAsking(null);
      },
    });
  }

  async function copy(url: string) {
    setAnnouncement(await copyText(url));
  }

  return (
    <section className="card form" aria-labelledby="feed-title">
      <h2 id="feed-title">Calendar feed</h2>
      <p className="muted">
        Subscribe to {what} in your calendar app (Google Calendar, Outlook, Apple Calendar). Anyone with the address can
        read it: keep it to yourself, and replace it if it got out.
      </p>
      {feed.isPending ? (
        <Skeleton label="Loading your calendar feed" rows={1} />
      ) : feed.error ? (
        <ErrorMessage error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.data ? (
        <>
          <div className="field">
            <label htmlFor="feed-url">Calendar feed address</label>
            <input id="feed-url" type="url" readOnly value={feed.data.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => void copy(feed.data!.url)}>
              Copy address
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking('rotate')}>
              New address
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAsking('delete')}>
              Turn off
            </button>
          </div>
        </>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={change.isPending} onClick={() => run('issue', 'Calendar feed on.')}>
            Turn on calendar feed
          </button>
        </div>
      )}
      {!asking && change.error ? <ErrorMessage error={change.error} /> : null}
      <p role="status" aria-live="polite" className={announcement ? 'notice notice-success' : 'visually-hidden'}>
        {announcement}
      </p>
      <Dialog
        open={asking !== null}
        title={asking === 'delete' ? 'Turn the calendar feed off?' : 'Give the feed a new address?'}
        onClose={() => setAsking(null)}
      >
        <p>
          {asking === 'delete'
            ? 'Calendars subscribed to it stop updating at once.'
            : 'The old address stops working at once: subscribe again with the new one.'}
        </p>
        {change.error ? <ErrorMessage error={change.error} /> : null}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => setAsking(null)}>
            Keep it
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={change.isPending}
            onClick={() =>
              asking === 'delete' ? run('delete', 'Calendar feed off.') : run('issue', 'New address ready: subscribe with it.')
            }
          >
            {asking === 'delete' ? 'Turn off' : 'New address'}
          </button>
        </div>
      </Dialog>
    </section>
  );
}
