import { Field } from '../ui';
import { chosenDays, days, minutesBetween, type Day, type SlotForm } from './slotForm';

const dayLabel: Record<Day, string> = {
  sunday: 'Sun', monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat',
};

type Change = (field: keyof SlotForm) => (e: { target: { value: string } }) => void;

/** What a weekly series adds to one slot's fields: the weekdays, the last date, the slots' length and the break between. */
export function WeeklySeriesFields({ form, errors, change, toggleDay }: {
  form: SlotForm;
  errors: Record<string, string>;
  change: Change;
  toggleDay: (day: Day) => void;
}) {
  const on = chosenDays(form);
  return (
    <>
      <fieldset className="weekdays">
        <legend>On</legend>
        {days.map((day) => (
          <label key={day} className="checkbox">
            <input type="checkbox" checked={on.includes(day)} onChange={() => toggleDay(day)} /> {dayLabel[day]}
          </label>
        ))}
        {errors.weekdays ? <p className="field-error">{errors.weekdays}</p> : null}
      </fieldset>
      <Field id="slot-until" label="Until" error={errors.until}>
        {(control) => <input {...control} type="date" required value={form.until} onChange={change('until')} />}
      </Field>
      <div className="field-row">
        <Field id="slot-slotMinutes" label="Slot length (min)" error={errors.slotMinutes}
          hint={`Blank: one slot of ${Math.max(minutesBetween(form.startTime, form.endTime), 0)} min.`}>
          {(control) => (
            <input {...control} type="number" inputMode="numeric" min={1} value={form.slotMinutes} onChange={change('slotMinutes')} />
          )}
        </Field>
        <Field id="slot-gapMinutes" label="Break between (min)" error={errors.gapMinutes}>
          {(control) => (
            <input {...control} type="number" inputMode="numeric" min={0} value={form.gapMinutes} onChange={change('gapMinutes')} />
          )}
        </Field>
      </div>
    </>
  );
}
