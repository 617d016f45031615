import { limits } from '../../api/limits';
import { timeZones } from '../../time';
import { Field } from '../ui';
import type { SlotForm } from './slotForm';

type Change = (field: keyof SlotForm) => (e: { target: { value: string } }) => void;

/** One slot's fields: its date (a series' first), local start and end, time zone, seats and service. */
export function SlotFields({ form, errors, repeat, change }: { form: SlotForm; errors: Record<string, string>; repeat: boolean; change: Change }) {
  return (
    <>
      <Field id="slot-date" label={repeat ? 'From' : 'Date'} error={errors.date}>
        {(control) => <input {...control} type="date" required value={form.date} onChange={change('date')} />}
      </Field>
      <div className="field-row">
        <Field id="slot-startTime" label="Start" error={errors.startTime}>
          {(control) => <input {...control} type="time" required value={form.startTime} onChange={change('startTime')} />}
        </Field>
        <Field id="slot-endTime" label="End" error={errors.endTime}>
          {(control) => <input {...control} type="time" required value={form.endTime} onChange={change('endTime')} />}
        </Field>
      </div>
      <Field id="slot-timezone" label="Time zone" error={errors.timezone}>
        {(control) => (
          <select {...control} value={form.timezone} onChange={change('timezone')}>
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
          <input {...control} type="number" inputMode="numeric" min={1} max={limits.maxCapacity} required value={form.totalCapacity}
            onChange={change('totalCapacity')} />
        )}
      </Field>
      <Field id="slot-serviceId" label="Service (optional)" error={errors.serviceId}>
        {(control) => <input {...control} type="text" value={form.serviceId} onChange={change('serviceId')} />}
      </Field>
    </>
  );
}
