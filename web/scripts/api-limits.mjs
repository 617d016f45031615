// Writes src/app/api/limits.ts from docs/openapi.json: the limits of the API that the UI mirrors in its controls and
// sentences, read from where the document states them, so the UI cannot drift from the API (limits.test.ts checks it).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const documentPath = new URL('../../docs/openapi.json', import.meta.url);
const outputPath = new URL('../src/app/api/limits.ts', import.meta.url);

/** The limits, each from its place in the document; a missing one is an error, not a silent default. */
export function limitsOf(document) {
  const schemas = document.components.schemas;
  const limitParameter = document.paths['/api/specialists/{specialistEmail}/slots'].get.parameters.find((p) => p.name === 'limit');
  const limits = {
    maxCapacity: schemas.CreateSlotRequest.properties.totalCapacity.maximum,
    maxDaysAhead: schemas.CreateSlotRequest.properties.date['x-max-days-ahead'],
    maxSeriesSlots: schemas.SeriesResponse.properties.created.maxItems,
    maxPageSize: limitParameter?.schema.maximum,
    maxReasonLength: schemas.CancelBookingRequest.properties.reason.maxLength,
    maxNoticeMinutes: schemas.BookingPolicy.properties.cancelNoticeMinutes.maximum,
    maxDisplayNameLength: schemas.ProfileInput.properties.displayName.maxLength,
    maxIntroductionLength: schemas.ProfileInput.properties.introduction.maxLength,
    maxServices: schemas.ProfileInput.properties.services.maxItems,
    maxServiceIdLength: schemas.ServiceOffer.properties.id.maxLength,
    maxServiceTitleLength: schemas.ServiceOffer.properties.title.maxLength,
    maxServiceDescriptionLength: schemas.ServiceOffer.properties.description.maxLength,
    minServiceMinutes: schemas.ServiceOffer.properties.durationMinutes.minimum,
    maxServiceMinutes: schemas.ServiceOffer.properties.durationMinutes.maximum,
    maxSearchLength: document.paths['/api/specialists'].get.parameters.find((p) => p.name === 'q')?.schema.maxLength,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value)) {
      throw new Error(`docs/openapi.json states no ${name}`);
    }
  }
  return limits;
}

/** The module's text. */
export function render(limits) {
  return `// Generated from docs/openapi.json by scripts/api-limits.mjs (npm run api-types); do not edit.
/** The API's limits the UI mirrors. */
export const limits = {
  /** Seats a slot may have at most. */
  maxCapacity: ${limits.maxCapacity},
  /** How many days ahead of today a slot may be published. */
  maxDaysAhead: ${limits.maxDaysAhead},
  /** Slots one series request makes at most. */
  maxSeriesSlots: ${limits.maxSeriesSlots},
  /** Rows a list answers at most per page. */
  maxPageSize: ${limits.maxPageSize},
  /** Characters a cancellation's reason may have. */
  maxReasonLength: ${limits.maxReasonLength},
  /** Minutes a policy's notice may be at most (a year). */
  maxNoticeMinutes: ${limits.maxNoticeMinutes},
  /** A profile's parts: the name, the introduction, how many services and each service's. */
  maxDisplayNameLength: ${limits.maxDisplayNameLength},
  maxIntroductionLength: ${limits.maxIntroductionLength},
  maxServices: ${limits.maxServices},
  maxServiceIdLength: ${limits.maxServiceIdLength},
  maxServiceTitleLength: ${limits.maxServiceTitleLength},
  maxServiceDescriptionLength: ${limits.maxServiceDescriptionLength},
  minServiceMinutes: ${limits.minServiceMinutes},
  maxServiceMinutes: ${limits.maxServiceMinutes},
  /** Characters a directory search may have. */
  maxSearchLength: ${limits.maxSearchLength},
} as const;
`;
}

export function generate() {
  return render(limitsOf(JSON.parse(readFileSync(documentPath, 'utf8'))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(outputPath, generate());
}
