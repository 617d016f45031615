import { useState, type FormEvent } from 'react';
import { formErrors } from '../../api/problems';
import { useCreateSlot } from '../../hooks/useConsultingSlots';
import { addDays, browserZone, localDate, timeZones } from '../../time';
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

interface Props {
  open: boolean;
  onClose: () => void;
  /** Called with the new slot's id once it is published. */
  onCreated?: (slotId: string) => void;
}

/** Publish one slot: date, start and end (local, in the chosen zone), seats and an optional service. */
export function CreateSlotModal({ open, onClose, onCreated }: Props) {
  const zone = browserZone();
  const [form, setForm] = useState(() => ({
    date: addDays(localDate(new Date(), zone), 1),
    startTime: '09:00',
    endTime: '10:00',
    timezone: zone,
    totalCapacity: '1',
    serviceId: '',
  }));
  const create = useCreateSlot();
  const { fields: errors, form: formError } = formErrors(create.error, fieldOfCode);

  const set = (field: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [field]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) {
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
          onCreated?.(slot.id);
          onClose();
        },
      },
    );
  }

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Dialog open={open} title="New slot" onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        {formError ? <ErrorMessage error={formError} /> : null}
        <Field id="slot-date" label="Date" error={errors.date}>
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
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {create.isPending ? 'Publishing…' : 'Publish slot'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
