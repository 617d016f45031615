import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import type { Listing } from '../api/consultingSlots';
import { limits } from '../api/limits';
import { useFindSpecialists } from '../hooks/useConsultingSlots';
import { browserZone, dateTime } from '../time';
import { CopyableLink, Empty, ErrorMessage, Skeleton } from './ui';

/** How long typing rests before the directory is asked: a search per pause, not per key. */
const TYPING_PAUSE_MS = 250;

interface Props {
  /** Only specialists offering this service (a Service Card's directory). */
  serviceId?: string | undefined;
  /** Opens a page of the app (a specialist's booking page, `bookingPath`); without it, the links are plain links. */
  onNavigate?: (path: string) => void;
  /** The customer's zone for the next free times; the browser's by default. */
  timeZone?: string;
}

/** A booking page's address: `/specialists/{email}`, with the service when the directory is for one. */
export function bookingPath(email: string, serviceId?: string): string {
  return `/specialists/${encodeURIComponent(email)}${serviceId ? `?service=${encodeURIComponent(serviceId)}` : ''}`;
}

/** A specialist's booking page address, to send to customers, with a Copy button. */
export function BookingPageLink({ email }: { email: string }) {
  return <CopyableLink label="Your booking page" url={`${window.location.origin}${bookingPath(email)}`} />;
}

/**
 * The directory: search specialists by name, service or address, those with a free slot first, each with their next
 * free time. An exact address, submitted, opens that specialist's page at once.
 */
export function FindSpecialists({ serviceId, onNavigate, timeZone }: Props) {
  const zone = timeZone ?? browserZone();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const wait = setTimeout(() => setQuery(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(wait);
  }, [text]);
  const found = useFindSpecialists(query, serviceId);
  const listings = found.data?.pages.flatMap((p) => p.items) ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    const typed = text.trim();
    if (/^[^\s@]+@[^\s@]+$/.test(typed) && onNavigate) {
      onNavigate(bookingPath(typed.toLowerCase(), serviceId));
    } else {
      setQuery(typed);
    }
  }

  return (
    <section className="page" aria-labelledby="find-title">
      <div className="page-header">
        <div>
          <h1 id="find-title">Find a specialist</h1>
          <p className="muted">Book a consulting session with a specialist: pick a free time, and it is yours.</p>
        </div>
      </div>
      <form className="search card" role="search" onSubmit={submit}>
        <label htmlFor="find-text">Search by name, service or email</label>
        <div className="search-row">
          <input id="find-text" type="search" value={text} maxLength={limits.maxSearchLength} autoComplete="off"
            onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button-primary">
            Search
          </button>
        </div>
      </form>
      {found.isPending ? (
        <Skeleton label="Looking for specialists" />
      ) : found.error ? (
        <ErrorMessage error={found.error} onRetry={() => void found.refetch()} />
      ) : listings.length === 0 ? (
        <Empty title={query ? `No specialist matches “${query}”` : 'No specialist has a public profile yet'}>
          {query.includes('@') && onNavigate && (
            <button type="button" className="button button-secondary"
              onClick={() => onNavigate(bookingPath(query.toLowerCase(), serviceId))}>
              Open {query.toLowerCase()}
            </button>
          )}
        </Empty>
      ) : (
        <>
          <p className="visually-hidden" role="status" aria-live="polite">
            {listings.length === 1 ? '1 specialist' : `${listings.length} specialists`}
            {found.hasNextPage ? ' so far' : ''}
          </p>
          <ul className="specialist-list" aria-label="Specialists">
            {listings.map((s) => (
              <li key={s.email}>
                <SpecialistCard listing={s} zone={zone} serviceId={serviceId} onNavigate={onNavigate} />
              </li>
            ))}
          </ul>
          {found.hasNextPage && (
            <button type="button" className="button button-secondary" disabled={found.isFetchingNextPage}
              onClick={() => void found.fetchNextPage()}>
              {found.isFetchingNextPage ? 'Loading…' : 'Show more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function SpecialistCard({ listing, zone, serviceId, onNavigate }: {
  listing: Listing;
  zone: string;
  serviceId: string | undefined;
  onNavigate: ((path: string) => void) | undefined;
}) {
  const href = bookingPath(listing.email, serviceId);
  const open = (e: MouseEvent) => {
    if (onNavigate && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey) {
      e.preventDefault();
      onNavigate(href);
    }
  };
  const intro = listing.introduction?.split('\n')[0];
  return (
    <article className="card specialist-card">
      <h2 className="specialist-name">
        <a href={href} onClick={open}>
          {listing.displayName}
        </a>
      </h2>
      {intro && <p className="specialist-intro">{intro}</p>}
      {listing.services.length > 0 && (
        <p className="muted small">{listing.services.map((s) => s.title).join(' · ')}</p>
      )}
      <p className={listing.nextOpenAt ? 'specialist-next' : 'muted small'}>
        {listing.nextOpenAt ? <>Next free: {dateTime(listing.nextOpenAt, zone)}</> : 'No free times at the moment'}
      </p>
    </article>
  );
}
