import { useState, type FormEvent } from 'react';
import { ApiProblem, type NewSeries, type SeriesResult } from '../../api/consultingSlots';
import { describeError, formErrors } from '../../api/problems';
import { useCreateSeries, useCreateSlot, usePreviewSeries } from '../../hooks/useConsultingSlots';
import { addDays, browserZone, localDate, shortDate, timeZones } from '../../time';
import { Dialog, ErrorMessage, Field } from '../ui';

/** Which field a refusal without a field map is about, so it shows on that field. */
const fieldOfCode: Record<string, string> = {
  start_not_in_future: 'startTime',
  end_not_after_start: 'endTime',
  nonexistent_local_time: 'startTime',
  invalid_time: 'startTime',
  unknown_time_zone: 'timezone',
  invalid_capacity: 'totalCapacity',
  date_out_of_range: 'date',
};

/** The series' fields under the form's names: `from` is the date, `to` the "until" date, the window the times. */
const formFieldOf: Record<string, string> = {
  from: 'date',
  to: 'until',
  windows: 'startTime',
  'windows[0].startTime': 'startTime',
  'windows[0].endTime': 'endTime',
};

const days = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
type Day = (typeof days)[number];
const dayLabel: Record<Day, string> = {
  sunday: 'Sun', monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat',
};

const weekdayOf = (date: string): Day => days[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'monday';

const minutesBetween = (start: string, end: string) => {
  const [sh = 0, sm = 0] = start.split(':').map(Number);
  const [eh = 0, em = 0] = end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
};

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called with the new slot's id (or the series' id) once it is published. */
  onCreated?: (id: string, count: number) => void;
}

/**
 * Publish one slot (date, start and end, local in the chosen zone, seats, an optional service), or, with "Repeat
 * weekly", the same window on the chosen weekdays until a date, cut into slots of a length: a preview (the API's dry
 * run) shows what it makes and skips before anything is saved.
 */
export function CreateSlotModal({ open, onClose, onCreated }: Props) {
  const zone = browserZone();
  const [form, setForm] = useState(() => {
    const date = addDays(localDate(new Date(), zone), 1);
    return {
      date,
      startTime: '09:00',
      endTime: '10:00',
      timezone: zone,
      totalCapacity: '1',
      serviceId: '',
      until: addDays(date, 27),
      slotMinutes: '',
      gapMinutes: '0',
    };
  });
  const [repeat, setRepeat] = useState(false);
  const [weekdays, setWeekdays] = useState<Day[]>([]);
  const create = useCreateSlot();
  const preview = usePreviewSeries();
  const publish = useCreateSeries();
  const error = repeat ? (publish.error ?? preview.error) : create.error;
  const { fields: apiErrors, form: formError } = formErrors(error, fieldOfCode);
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(apiErrors)) {
    errors[formFieldOf[field] ?? field] = message;
  }
  const shownFormError = formError ?? (error instanceof ApiProblem && error.code === 'series_too_large' ? error : null);
  const chosenDays = weekdays.length > 0 ? weekdays : [weekdayOf(form.date)];
  const pending = create.isPending || preview.isPending || publish.isPending;

  const pattern = (): NewSeries => ({
    from: form.date,
    to: form.until,
    weekdays: chosenDays,
    windows: [{ startTime: form.startTime, endTime: form.endTime }],
    slotMinutes: Number(form.slotMinutes) || minutesBetween(form.startTime, form.endTime),
    gapMinutes: Number(form.gapMinutes) || 0,
    timezone: form.timezone,
    totalCapacity: Number(form.totalCapacity),
    serviceId: form.serviceId.trim() || null,
  });
  // A preview stands for the form as it was; any change asks for a new one before saving.
  const previewed = preview.data && preview.variables && JSON.stringify(preview.variables) === JSON.stringify(pattern())
    ? preview.data
    : null;

  const changed = () => {
    preview.reset();
    publish.reset();
    create.reset();
  };
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => {
    changed();
    setForm((f) => ({ ...f, [field]: e.target.value }));
  };
  const toggleDay = (day: Day) => {
    changed();
    setWeekdays(chosenDays.includes(day) ? chosenDays.filter((d) => d !== day) : [...chosenDays, day]);
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) {
      return;
    }
    if (repeat) {
      if (!previewed) {
        preview.mutate(pattern());
        return;
      }
      publish.mutate(pattern(), {
        onSuccess: (series) => {
          publish.reset();
          preview.reset();
          onCreated?.(series.seriesId ?? '', series.created.length);
          onClose();
        },
      });
      return;
    }
    create.mutate(
      {
        date: form.date,
        startTime: form.startTime,
        endTime: form.endTime,
        timezone: form.timezone,
        totalCapacity: Number(form.totalCapacity),
        serviceId: form.serviceId.trim() || null,
      },
      {
        onSuccess: (slot) => {
          create.reset();
          onCreated?.(slot.id, 1);
          onClose();
        },
      },
    );
  }

  const close = () => {
    changed();
    onClose();
  };

  const submitLabel = !repeat
    ? create.isPending ? 'Publishing…' : 'Publish slot'
    : !previewed
      ? preview.isPending ? 'Previewing…' : 'Preview'
      : publish.isPending
        ? 'Publishing…'
        : `Publish ${previewed.created.length} slot${previewed.created.length === 1 ? '' : 's'}`;

  return (
    <Dialog open={open} title={repeat ? 'New weekly slots' : 'New slot'} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        {shownFormError ? <ErrorMessage error={shownFormError} /> : null}
        <Field id="slot-date" label={repeat ? 'From' : 'Date'} error={errors.date}>
          {(control) => <input {...control} type="date" required value={form.date} onChange={set('date')} />}
        </Field>
        <div className="field-row">
          <Field id="slot-startTime" label="Start" error={errors.startTime}>
            {(control) => <input {...control} type="time" required value={form.startTime} onChange={set('startTime')} />}
          </Field>
          <Field id="slot-endTime" label="End" error={errors.endTime}>
            {(control) => <input {...control} type="time" required value={form.endTime} onChange={set('endTime')} />}
          </Field>
        </div>
        <Field id="slot-timezone" label="Time zone" error={errors.timezone}>
          {(control) => (
            <select {...control} value={form.timezone} onChange={set('timezone')}>
              {timeZones().map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="slot-totalCapacity" label="Seats" error={errors.totalCapacity} hint="1 for a 1:1 session, more for a group.">
          {(control) => (
            <input {...control} type="number" inputMode="numeric" min={1} max={1000} required value={form.totalCapacity}
              onChange={set('totalCapacity')} />
          )}
        </Field>
        <Field id="slot-serviceId" label="Service (optional)" error={errors.serviceId}>
          {(control) => <input {...control} type="text" value={form.serviceId} onChange={set('serviceId')} />}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={repeat}
            onChange={(e) => {
              changed();
              setRepeat(e.target.checked);
            }}
          />{' '}
          Repeat weekly
        </label>
        {repeat && (
          <>
            <fieldset className="weekdays">
              <legend>On</legend>
              {days.map((day) => (
                <label key={day} className="checkbox">
                  <input type="checkbox" checked={chosenDays.includes(day)} onChange={() => toggleDay(day)} /> {dayLabel[day]}
                </label>
              ))}
              {errors.weekdays ? <p className="field-error">{errors.weekdays}</p> : null}
            </fieldset>
            <Field id="slot-until" label="Until" error={errors.until}>
              {(control) => <input {...control} type="date" required value={form.until} onChange={set('until')} />}
            </Field>
            <div className="field-row">
              <Field id="slot-slotMinutes" label="Slot length (min)" error={errors.slotMinutes}
                hint={`Blank: one slot of ${Math.max(minutesBetween(form.startTime, form.endTime), 0)} min.`}>
                {(control) => (
                  <input {...control} type="number" inputMode="numeric" min={1} value={form.slotMinutes} onChange={set('slotMinutes')} />
                )}
              </Field>
              <Field id="slot-gapMinutes" label="Break between (min)" error={errors.gapMinutes}>
                {(control) => (
                  <input {...control} type="number" inputMode="numeric" min={0} value={form.gapMinutes} onChange={set('gapMinutes')} />
                )}
              </Field>
            </div>
            {previewed ? <Preview result={previewed} /> : null}
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What the series would make and skip, each skip with its reason as a sentence. */
function Preview({ result }: { result: SeriesResult }) {
  const first = result.created[0];
  const last = result.created[result.created.length - 1];
  return (
    <div className="series-preview" role="status" aria-live="polite" aria-label="What the series makes">
      <p>
        <strong>
          {result.created.length} slot{result.created.length === 1 ? '' : 's'}
        </strong>
        {first && last ? ` from ${shortDate(first.date)} to ${shortDate(last.date)}` : ''}
        {result.skipped.length > 0 ? `; ${result.skipped.length} skipped:` : '.'}
      </p>
      {result.skipped.length > 0 && (
        <ul className="skipped">
          {result.skipped.map((s) => (
            <li key={`${s.date} ${s.startTime}`}>
              {shortDate(s.date)} {s.startTime}–{s.endTime}: {describeError(new ApiProblem(409, s.reason, s.detail))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
