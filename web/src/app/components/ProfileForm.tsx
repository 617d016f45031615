import { useId, useState, type FormEvent } from 'react';
import { ApiProblem, type Profile, type Service } from '../api/consultingSlots';
import { limits } from '../api/limits';
import { formErrors } from '../api/problems';
import { useProfile, useSetProfile } from '../hooks/useConsultingSlots';
import { browserZone, timeZones } from '../time';
import { ErrorMessage, Field, FormFooter, Skeleton } from './ui';

/** A service as the form holds it: its minutes as typed, and whether its id was typed or follows the title. */
interface ServiceRow {
  key: number;
  id: string;
  idTyped: boolean;
  title: string;
  minutes: string;
  description: string;
}

/** An id from a title, for links (`?service=career-coaching`): lower case, ASCII letters and digits, dashes between. */
export function slug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, limits.maxServiceIdLength);
}

let nextKey = 0;
const row = (s?: Service): ServiceRow => ({
  key: nextKey++,
  id: s?.id ?? '',
  idTyped: !!s,
  title: s?.title ?? '',
  minutes: s?.durationMinutes ? String(s.durationMinutes) : '',
  description: s?.description ?? '',
});

/**
 * The specialist's public profile, as customers see it on the booking page and in the directory: their name (the
 * sign-in name until they change it), a short introduction, their time zone and the services they offer.
 */
export function ProfileSection({ specialistEmail, signInName }: { specialistEmail: string; signInName?: string | undefined }) {
  const profile = useProfile(specialistEmail);
  // A specialist who has not published yet has no handle: saving the profile makes it theirs.
  const unset = profile.error instanceof ApiProblem && profile.error.code === 'specialist_not_found';
  return (
    <section className="card form" aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">Your profile</h2>
      <p className="muted">What customers see on your booking page and when they search for a specialist.</p>
      {profile.isPending ? (
        <Skeleton label="Loading your profile" rows={2} />
      ) : profile.error && !unset ? (
        <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <ProfileFields specialistEmail={specialistEmail} saved={profile.data} signInName={signInName} />
      )}
    </section>
  );
}

function ProfileFields({ specialistEmail, saved, signInName }: {
  specialistEmail: string;
  saved: Profile | undefined;
  signInName: string | undefined;
}) {
  const save = useSetProfile(specialistEmail);
  const zonesId = useId();
  const [name, setName] = useState(saved?.displayName ?? signInName ?? '');
  const [introduction, setIntroduction] = useState(saved?.introduction ?? '');
  const [zone, setZone] = useState(saved?.timezone ?? browserZone());
  const [services, setServices] = useState<ServiceRow[]>(() => (saved?.services ?? []).map(row));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState('');
  const server = formErrors(save.error, { unknown_time_zone: 'timezone' });
  const errors: Record<string, string> = { ...server.fields, ...invalid };

  const change = (key: number, part: Partial<ServiceRow>) =>
    setServices((rows) =>
      rows.map((r) => {
        if (r.key !== key) {
          return r;
        }
        const next = { ...r, ...part };
        return next.idTyped ? next : { ...next, id: slug(next.title) };
      }),
    );

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!name.trim()) {
      found.displayName = 'Say the name customers should see.';
    }
    const seen = new Set<string>();
    services.forEach((s, i) => {
      if (!s.title.trim()) {
        found[`services[${i}].title`] = 'Give the service a title.';
      }
      if (!s.id.trim()) {
        found[`services[${i}].id`] = 'Give the service a link name (letters, digits and dashes).';
      } else if (seen.has(s.id)) {
        found[`services[${i}].id`] = 'Another service has this link name.';
      }
      seen.add(s.id);
      const minutes = Number(s.minutes);
      if (s.minutes.trim() && !(Number.isInteger(minutes) && minutes >= limits.minServiceMinutes && minutes <= limits.maxServiceMinutes)) {
        found[`services[${i}].durationMinutes`] = `Whole minutes from ${limits.minServiceMinutes} to ${limits.maxServiceMinutes}.`;
      }
    });
    return found;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = check();
    setInvalid(found);
    setAnnouncement('');
    if (Object.keys(found).length > 0) {
      return;
    }
    save.mutate(
      {
        displayName: name.trim(),
        introduction: introduction.trim() || null,
        timezone: zone.trim() || null,
        services: services.map((s) => ({
          id: s.id.trim(),
          title: s.title.trim(),
          durationMinutes: s.minutes.trim() ? Number(s.minutes) : null,
          description: s.description.trim() || null,
        })),
      },
      { onSuccess: () => setAnnouncement('Saved. Customers see it on your booking page.') },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field id="profile-name" label="Name customers see" error={errors.displayName}>
        {(control) => (
          <input {...control} type="text" autoComplete="name" maxLength={limits.maxDisplayNameLength} value={name}
            onChange={(e) => setName(e.target.value)} />
        )}
      </Field>
      <Field id="profile-introduction" label="Introduction" error={errors.introduction}
        hint="A few sentences: who you help, and how. Line breaks are kept.">
        {(control) => (
          <textarea {...control} rows={4} maxLength={limits.maxIntroductionLength} value={introduction}
            onChange={(e) => setIntroduction(e.target.value)} />
        )}
      </Field>
      <Field id="profile-zone" label="Your time zone" error={errors.timezone} hint="Customers see your times beside theirs.">
        {(control) => (
          <input {...control} type="text" list={zonesId} autoComplete="off" value={zone} onChange={(e) => setZone(e.target.value)} />
        )}
      </Field>
      <datalist id={zonesId}>
        {timeZones().map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <fieldset className="services">
        <legend>Services you offer</legend>
        {services.length === 0 && <p className="muted small">None yet: your slots are for all consulting.</p>}
        {services.map((s, i) => (
          <div key={s.key} className="service-row" role="group" aria-label={s.title.trim() || `Service ${i + 1}`}>
            <Field id={`service-${s.key}-title`} label="Title" error={errors[`services[${i}].title`]}>
              {(control) => (
                <input {...control} type="text" maxLength={limits.maxServiceTitleLength} value={s.title}
                  onChange={(e) => change(s.key, { title: e.target.value })} />
              )}
            </Field>
            <Field id={`service-${s.key}-id`} label="Link name" error={errors[`services[${i}].id`]}
              hint="Slots for this service name it; so does its link (?service=…).">
              {(control) => (
                <input {...control} type="text" maxLength={limits.maxServiceIdLength} value={s.id}
                  onChange={(e) => change(s.key, { id: e.target.value, idTyped: e.target.value !== '' })} />
              )}
            </Field>
            <Field id={`service-${s.key}-minutes`} label="Usual length (minutes)" error={errors[`services[${i}].durationMinutes`]}>
              {(control) => (
                <input {...control} type="number" inputMode="numeric" min={limits.minServiceMinutes} max={limits.maxServiceMinutes}
                  step={1} value={s.minutes} onChange={(e) => change(s.key, { minutes: e.target.value })} />
              )}
            </Field>
            <Field id={`service-${s.key}-description`} label="Description" error={errors[`services[${i}].description`]}>
              {(control) => (
                <input {...control} type="text" maxLength={limits.maxServiceDescriptionLength} value={s.description}
                  onChange={(e) => change(s.key, { description: e.target.value })} />
              )}
            </Field>
            <button type="button" className="button button-ghost" onClick={() => setServices((rows) => rows.filter((r) => r.key !== s.key))}>
              Remove<span className="visually-hidden"> {s.title.trim() || `service ${i + 1}`}</span>
            </button>
          </div>
        ))}
        {services.length < limits.maxServices && (
          <button type="button" className="button button-secondary" onClick={() => setServices((rows) => [...rows, row()])}>
            Add a service
          </button>
        )}
      </fieldset>
      <FormFooter error={server.form} announcement={announcement} pending={save.isPending} label="Save profile" />
    </form>
  );
}
