import { ApiProblem, type SeriesResult } from '../../api/consultingSlots';
import { describeError } from '../../api/problems';
import { shortDate, wallRange } from '../../time';

/** What the series would make and skip, each skip with its reason as a sentence. */
export function SeriesPreview({ result }: { result: SeriesResult }) {
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
              {shortDate(s.date)} {wallRange(s.startTime, s.endTime)}: {describeError(new ApiProblem(409, s.reason, s.detail))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
