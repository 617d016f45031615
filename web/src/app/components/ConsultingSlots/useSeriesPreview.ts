import type { NewSeries, SeriesResult } from '../../api/consultingSlots';
import { useCreateSeries, usePreviewSeries } from '../../hooks/useConsultingSlots';

/**
 * A weekly pattern's preview (the API's dry run) and its publication. `previewed` is the preview of the pattern as it is
 * now, and null once anything changed since it was asked for: nothing is published that the person has not seen.
 */
export function useSeriesPreview(pattern: NewSeries) {
  const preview = usePreviewSeries();
  const publish = useCreateSeries();
  const previewed =
    preview.data && preview.variables && JSON.stringify(preview.variables) === JSON.stringify(pattern) ? preview.data : null;
  const reset = () => {
    preview.reset();
    publish.reset();
  };
  return {
    previewed,
    previewing: preview.isPending,
    publishing: publish.isPending,
    error: publish.error ?? preview.error,
    reset,
    /** Asks for the preview, or, once the pattern as it is was previewed, publishes it. */
    submit(onPublished: (series: SeriesResult) => void) {
      if (!previewed) {
        preview.mutate(pattern);
        return;
      }
      publish.mutate(pattern, {
        onSuccess: (series) => {
          reset();
          onPublished(series);
        },
      });
    },
  };
}
