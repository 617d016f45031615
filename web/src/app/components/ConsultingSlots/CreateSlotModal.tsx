import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../../api/consultingSlots';
import { describeError, fieldErrors } from '../../api/problems';
import { useCreateSlot } from '../../hooks/useConsultingSlots';
import { addDays, browserZone, localDate, timeZones } from '../../time';
import { Dialog } from '../ui';

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
  const errors = fieldErrors(create.error);
  if (create.error instanceof ApiProblem && fieldOfCode[create.error.code] && Object.keys(errors).length === 0) {
    errors[fieldOfCode[create.error.code]!] = describeError(create.error);
  }
  const formError = create.error && Object.keys(errors).length === 0 ? describeError(create.error) : null;

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

  const field = (name: keyof typeof form, label: string, input: React.ReactNode, hint?: string) => (
    <div className={errors[name] ? 'field field-invalid' : 'field'}>
      <label htmlFor={`slot-${name}`}>{label}</label>
      {input}
      {hint && !errors[name] && (
        <p className="field-hint" id={`slot-${name}-hint`}>
          {hint}
        </p>
      )}
      {errors[name] && (
        <p className="field-error" id={`slot-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  const describedBy = (name: string, hint = false) =>
    errors[name] ? `slot-${name}-error` : hint ? `slot-${name}-hint` : undefined;

  return (
    <Dialog open={open} title="New slot" onClose={close}>
      <form className="form" onSubmit={submit} noValidate>
        {formError && (
          <p className="notice notice-error" role="alert">
            {formError}
          </p>
        )}
        {field(
          'date',
          'Date',
          <input id="slot-date" type="date" required value={form.date} onChange={set('date')}
            aria-invalid={!!errors.date} aria-describedby={describedBy('date')} />,
        )}
        <div className="field-row">
          {field(
            'startTime',
            'Start',
            <input id="slot-startTime" type="time" required value={form.startTime} onChange={set('startTime')}
              aria-invalid={!!errors.startTime} aria-describedby={describedBy('startTime')} />,
          )}
          {field(
            'endTime',
            'End',
            <input id="slot-endTime" type="time" required value={form.endTime} onChange={set('endTime')}
              aria-invalid={!!errors.endTime} aria-describedby={describedBy('endTime')} />,
          )}
        </div>
        {field(
          'timezone',
          'Time zone',
          <select id="slot-timezone" value={form.timezone} onChange={set('timezone')}
            aria-invalid={!!errors.timezone} aria-describedby={describedBy('timezone')}>
            {timeZones().map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>,
        )}
        {field(
          'totalCapacity',
          'Seats',
          <input id="slot-totalCapacity" type="number" inputMode="numeric" min={1} max={1000} required
            value={form.totalCapacity} onChange={set('totalCapacity')}
            aria-invalid={!!errors.totalCapacity} aria-describedby={describedBy('totalCapacity', true)} />,
          '1 for a 1:1 session, more for a group.',
        )}
        {field(
          'serviceId',
          'Service (optional)',
          <input id="slot-serviceId" type="text" value={form.serviceId} onChange={set('serviceId')}
            aria-invalid={!!errors.serviceId} aria-describedby={describedBy('serviceId')} />,
        )}
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
