import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../../api/consultingSlots';
import { formErrors } from '../../api/problems';
import { useCreateSlot } from '../../hooks/useConsultingSlots';
import { Dialog, ErrorMessage } from '../ui';
import { SeriesPreview } from './SeriesPreview';
import { SlotFields } from './SlotFields';
import { chosenDays, newSlotForm, toSeries, toSlot, type Day, type SlotForm } from './slotForm';
import { useSeriesPreview } from './useSeriesPreview';
import { WeeklySeriesFields } from './WeeklySeriesFields';

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

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called with the new slot's id (or the series' id) and how many slots were made, once published. */
  onCreated?: (id: string, count: number) => void;
}

/**
 * Publish one slot (date, start and end, local in the chosen zone, seats, an optional service), or, with "Repeat
 * weekly", the same window on the chosen weekdays until a date, cut into slots of a length: a preview (the API's dry
 * run) shows what it makes and skips before anything is saved.
 */
export function CreateSlotModal({ open, onClose, onCreated }: Props) {
  const [form, setForm] = useState(newSlotForm);
  const [repeat, setRepeat] = useState(false);
  const create = useCreateSlot();
  const series = useSeriesPreview(toSeries(form));
  const error = repeat ? series.error : create.error;
  const { fields, form: refusal } = formErrors(error, fieldOfCode);
  const errors = underFormNames(fields);
  const formError = refusal ?? (error instanceof ApiProblem && error.code === 'series_too_large' ? error : null);
  const pending = create.isPending || series.previewing || series.publishing;

  // Any change makes the last answer (and a preview) stale.
  const edit = (update: (f: SlotForm) => SlotForm) => {
    series.reset();
    create.reset();
    setForm(update);
  };
  const change = (field: keyof SlotForm) => (e: { target: { value: string } }) => edit((f) => ({ ...f, [field]: e.target.value }));
  const toggleDay = (day: Day) =>
    edit((f) => {
      const on = chosenDays(f);
      return { ...f, weekdays: on.includes(day) ? on.filter((d) => d !== day) : [...on, day] };
    });
  const close = () => {
    series.reset();
    create.reset();
    onClose();
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) {
      return;
    }
    if (repeat) {
      series.submit((made) => {
        onCreated?.(made.seriesId ?? '', made.created.length);
        onClose();
      });
      return;
    }
    create.mutate(toSlot(form), {
      onSuccess: (slot) => {
        create.reset();
        onCreated?.(slot.id, 1);
        onClose();
      },
    });
  }

  return (
    <Dialog open={open} title={repeat ? 'New weekly slots' : 'New slot'} onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        {formError ? <ErrorMessage error={formError} /> : null}
        <SlotFields form={form} errors={errors} repeat={repeat} change={change} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={repeat}
            onChange={(e) => {
              series.reset();
              create.reset();
              setRepeat(e.target.checked);
            }}
          />{' '}
          Repeat weekly
        </label>
        {repeat && (
          <>
            <WeeklySeriesFields form={form} errors={errors} change={change} toggleDay={toggleDay} />
            {series.previewed ? <SeriesPreview result={series.previewed} /> : null}
          </>
        )}
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending}>
            {submitLabel(repeat, create.isPending, series)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The API's field errors under the form's field names. */
function underFormNames(fields: Record<string, string>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    errors[formFieldOf[field] ?? field] = message;
  }
  return errors;
}

function submitLabel(repeat: boolean, creating: boolean, series: ReturnType<typeof useSeriesPreview>): string {
  if (!repeat) {
    return creating ? 'Publishing…' : 'Publish slot';
  }
  if (!series.previewed) {
    return series.previewing ? 'Previewing…' : 'Preview';
  }
  const count = series.previewed.created.length;
  return series.publishing ? 'Publishing…' : `Publish ${count} slot${count === 1 ? '' : 's'}`;
}
