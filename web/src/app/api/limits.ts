// Generated from docs/openapi.json by scripts/api-limits.mjs (npm run api-types); do not edit.
/** The API's limits the UI mirrors. */
export const limits = {
  /** Seats a slot may have at most. */
  maxCapacity: 1000,
  /** How many days ahead of today a slot may be published. */
  maxDaysAhead: 730,
  /** Slots one series request makes at most. */
  maxSeriesSlots: 500,
  /** Rows a list answers at most per page. */
  maxPageSize: 500,
  /** Characters a cancellation's reason may have. */
  maxReasonLength: 500,
  /** Minutes a policy's notice may be at most (a year). */
  maxNoticeMinutes: 525600,
  /** A profile's parts: the name, the introduction, how many services and each service's. */
  maxDisplayNameLength: 100,
  maxIntroductionLength: 2000,
  maxServices: 20,
  maxServiceIdLength: 128,
  maxServiceTitleLength: 100,
  maxServiceDescriptionLength: 500,
  minServiceMinutes: 5,
  maxServiceMinutes: 1440,
  /** Characters a directory search may have. */
  maxSearchLength: 100,
} as const;
