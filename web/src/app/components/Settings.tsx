import { useState, type FormEvent } from 'react';
import { ApiProblem, type Policy } from '../api/consultingSlots';
import { limits } from '../api/limits';
import { formErrors } from '../api/problems';
import { usePolicy, useSetPolicy } from '../hooks/useConsultingSlots';
import { CalendarFeedPanel } from './CalendarFeedPanel';
import { BookingPageLink } from './FindSpecialists';
import { ProfileSection } from './ProfileForm';
import { ErrorMessage, Field, FormFooter, Skeleton } from './ui';

const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;

/** Minutes as the largest unit that divides them: 2880 is 2 days, 90 is 90 minutes. */
function split(minutes: number): { amount: string; unit: Unit } {
  const unit: Unit = minutes > 0 && minutes % UNITS.days === 0 ? 'days' : minutes > 0 && minutes % UNITS.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(minutes / UNITS[unit]), unit };
}

/** A notice as the form holds it, in minutes; null when it is not a whole, non-negative number within the limit. */
function minutes({ amount, unit }: { amount: string; unit: Unit }): number | null {
  const value = Number(amount) * UNITS[unit];
  return amount.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= limits.maxNoticeMinutes ? value : null;
}

const DEFAULT: Policy = { bookingNoticeMinutes: 0, cancelNoticeMinutes: 0, cancellationReason: 'optional', waitlist: false };

/**
 * The specialist's settings: their public profile and booking page address, the policy all their slots follow ("cancel
 * if allowed"), and their calendar feed.
 */
export function Settings({ specialistEmail, signInName }: { specialistEmail: string; signInName?: string | undefined }) {
  const policy = usePolicy(specialistEmail);
  // A specialist who has not published yet has no policy: the defaults apply, and saving makes it theirs.
  const unset = policy.error instanceof ApiProblem && policy.error.code === 'specialist_not_found';
  return (
    <section className="page page-narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <BookingPageLink email={specialistEmail} />
      <ProfileSection specialistEmail={specialistEmail} signInName={signInName} />
      <h2>Booking and cancellation</h2>
      <p className="muted">
        For all your slots. A booking keeps the rules it was made under; you can always cancel, and a cancellation after
        the customer’s deadline is recorded as late.
      </p>
      {policy.isPending ? (
        <Skeleton label="Loading your policy" rows={2} />
      ) : policy.error && !unset ? (
        <ErrorMessage error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        // Its fields start from the policy as first read; a refetch after saving must not reset them (or the announcement).
        <PolicyForm specialistEmail={specialistEmail} saved={policy.data ?? DEFAULT} />
      )}
      <CalendarFeedPanel what="your slots, with who booked each" />
    </section>
  );
}

function PolicyForm({ specialistEmail, saved }: { specialistEmail: string; saved: Policy }) {
  const save = useSetPolicy(specialistEmail);
  const [booking, setBooking] = useState(split(saved.bookingNoticeMinutes));
  const [cancel, setCancel] = useState(split(saved.cancelNoticeMinutes));
  // Blank: a booking can be moved as long as it can be cancelled.
  const [move, setMove] = useState(
    saved.rescheduleNoticeMinutes == null ? { amount: '', unit: split(saved.cancelNoticeMinutes).unit } : split(saved.rescheduleNoticeMinutes));
  const [reasonRequired, setReasonRequired] = useState(saved.cancellationReason === 'required');
  const [waitlist, setWaitlist] = useState(saved.waitlist);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const server = formErrors(save.error);
  const errors = { ...server.fields, ...invalid };

  function submit(e: FormEvent) {
    e.preventDefault();
    const [bookingNoticeMinutes, cancelNoticeMinutes] = [minutes(booking), minutes(cancel)];
    const rescheduleNoticeMinutes = move.amount.trim() === '' ? undefined : minutes(move);
    const wrong = `A whole number of minutes, up to a year.`;
    const found = {
      ...(bookingNoticeMinutes === null ? { bookingNoticeMinutes: wrong } : {}),
      ...(cancelNoticeMinutes === null ? { cancelNoticeMinutes: wrong } : {}),
      ...(rescheduleNoticeMinutes === null ? { rescheduleNoticeMinutes: wrong } : {}),
    };
    setInvalid(found);
    setAnnouncement('');
    if (bookingNoticeMinutes === null || cancelNoticeMinutes === null || rescheduleNoticeMinutes === null) {
      return;
    }
    save.mutate(
      {
        bookingNoticeMinutes, cancelNoticeMinutes, cancellationReason: reasonRequired ? 'required' : 'optional', waitlist,
        ...(rescheduleNoticeMinutes === undefined ? {} : { rescheduleNoticeMinutes }),
      },
      { onSuccess: () => setAnnouncement('Saved. New bookings follow these rules.') },
    );
  }

  return (
    <form className="form card" onSubmit={submit} noValidate>
      <Notice id="booking-notice" label="Booking closes before the start" value={booking} onChange={setBooking}
        error={errors.bookingNoticeMinutes} hint="0: customers can book until the session starts." />
      <Notice id="cancel-notice" label="Customers can cancel until, before the start" value={cancel} onChange={setCancel}
        error={errors.cancelNoticeMinutes} hint="After it, only you can cancel." />
      <Notice id="move-notice" label="Customers can move a booking until, before the start" value={move} onChange={setMove}
        error={errors.rescheduleNoticeMinutes} hint="Blank: as long as they can cancel. After it, only you can move it." />
      <label className="checkbox">
        <input type="checkbox" checked={reasonRequired} onChange={(e) => setReasonRequired(e.target.checked)} />
        Ask for a reason when a booking is cancelled
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={waitlist} onChange={(e) => setWaitlist(e.target.checked)} aria-describedby="waitlist-hint" />
        Offer a waitlist when a slot is full
      </label>
      <p id="waitlist-hint" className="field-hint">A seat that frees goes to the first customer waiting, who is booked and emailed at once.</p>
      <FormFooter error={server.form} announcement={announcement} pending={save.isPending} label="Save booking rules" />
    </form>
  );
}

function Notice({ id, label, value, onChange, error, hint }: {
  id: string;
  label: string;
  value: { amount: string; unit: Unit };
  onChange: (value: { amount: string; unit: Unit }) => void;
  error: string | undefined;
  hint: string;
}) {
  return (
    <div className="field-row">
      <Field id={id} label={label} error={error} hint={hint}>
        {(control) => (
          <input {...control} type="number" inputMode="numeric" min={0} step={1} value={value.amount}
            onChange={(e) => onChange({ ...value, amount: e.target.value })} />
        )}
      </Field>
      <div className="field">
        <label htmlFor={`${id}-unit`}>Unit</label>
        <select id={`${id}-unit`} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as Unit })}>
          {Object.keys(UNITS).map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
