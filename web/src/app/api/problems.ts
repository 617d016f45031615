// Every problem code the document lists, as a sentence for a person. The record is typed by the document's code
// enums, so a code added to the API fails the type check until it has its sentence here.
import { ApiProblem } from './consultingSlots';
import { limits } from './limits';
import type { components } from './schema';

type Schemas = components['schemas'];
export type ProblemCode =
  | Schemas['ValidationProblem']['code']
  | Schemas['UnauthenticatedProblem']['code']
  | Schemas['ForbiddenProblem']['code']
  | Schemas['NotFoundProblem']['code']
  | Schemas['ConflictProblem']['code']
  | Schemas['GoneProblem']['code']
  | Schemas['PreconditionFailedProblem']['code']
  | Schemas['IdempotencyKeyReusedProblem']['code']
  | Schemas['PayloadTooLargeProblem']['code']
  | Schemas['UnsupportedMediaTypeProblem']['code']
  | Schemas['RateLimitedProblem']['code']
  | Schemas['InternalErrorProblem']['code']
  | Schemas['UnavailableProblem']['code'];

const wait = (p: ApiProblem) => (p.retryAfter ? `in ${p.retryAfter} s` : 'in a moment');

const sentences: Record<ProblemCode, (p: ApiProblem) => string> = {
  validation_failed: () => 'Some fields need another look.',
  bad_request: () => 'The request could not be read. Reload the page and try again.',
  start_not_in_future: () => 'The start must be in the future.',
  date_out_of_range: () => 'That date is outside the range slots can be published for (up to two years ahead).',
  end_not_after_start: () => 'The end must be after the start.',
  unknown_time_zone: () => 'That time zone is not known. Pick one from the list.',
  nonexistent_local_time: () => 'That local time does not exist on that day (the clocks skip it for daylight saving).',
  invalid_time: () => 'That time is not valid.',
  invalid_capacity: () => `Seats must be a whole number from 1 to ${limits.maxCapacity}.`,
  invalid_pattern: () => 'That weekly pattern does not work; see the fields marked.',
  series_too_large: () =>
    `That pattern makes more than ${limits.maxSeriesSlots} slots at once. Choose a shorter range, fewer days or longer slots.`,
  // Webhooks are managed by internal services, not in this UI; these read well anyway.
  webhook_target_refused: () => 'That address cannot receive webhooks.',
  webhook_not_found: () => 'This webhook subscription no longer exists.',
  delivery_not_found: () => 'This delivery no longer exists.',
  delivery_in_flight: () => 'This delivery is being sent right now. Try again in a moment.',
  webhook_disabled: () => 'This webhook subscription is disabled; enable it first.',
  position_expired: () => 'Those events are past the retention and gone; start the feed again from its beginning.',
  customer_has_live_bookings: () => 'This customer still holds a seat; cancel it before erasing their data.',
  notification_not_found: () => 'This notification no longer exists.',
  notification_in_flight: () => 'This notification is being sent right now. Try again in a moment.',
  specialist_not_found: () => 'No specialist with that address.',
  calendar_feed_not_found: () => 'This calendar feed is turned off or has a new address.',
  invalid_policy: () => 'Notices are between 0 minutes and a year.',
  cancellation_reason_required: () => 'Please say why you are cancelling.',
  booking_window_closed: () => 'This slot starts too soon to be booked.',
  cancellation_window_closed: () => 'It is too late to cancel this booking online; please contact the specialist.',
  reschedule_window_closed: () => 'It is too late to move this booking online; please contact the specialist.',
  move_to_other_specialist: () => 'A booking can move only to another time of the same specialist.',
  move_limit_reached: () => 'This booking has moved as often as it can; cancel it and book the time you want.',
  waitlist_closed: () => 'This session takes no waitlist.',
  seats_available: () => 'A seat is free again: book it instead of waiting.',
  already_waiting: () => 'You are already on the waitlist for this session.',
  waitlist_full: () => 'The waitlist for this session is full.',
  waitlist_limit_reached: () => 'You are waiting for as many sessions as you can; leave a waitlist to join another.',
  waitlist_entry_not_found: () => 'You are no longer on this waitlist.',
  hold_not_found: () => 'This seat hold no longer exists.',
  hold_expired: () => 'The seat was kept for you only a few minutes, and that time is up. Book again if it is still free.',
  hold_released: () => 'This seat hold was let go. Book again if the seat is still free.',
  hold_booked: () => 'This seat hold is already your booking.',
  already_holding: () => 'A seat of this session is already kept for you; book it or let it go.',
  hold_limit_reached: () => 'Seats are kept for you in as many sessions as can be; book or let one go first.',
  unauthenticated: () => 'Your session has ended. Please sign in again.',
  invalid_token: () => 'Your session has ended. Please sign in again.',
  role_not_allowed: () => 'Your account cannot do this.',
  scope_missing: () => 'This service account is not allowed to do this.',
  not_yourself: () => 'You can act only for yourself.',
  email_not_verified: () => 'Verify your email address before publishing slots.',
  slot_not_found: () => 'This slot no longer exists.',
  series_not_found: () => 'This series no longer exists.',
  booking_not_found: () => 'This booking no longer exists.',
  not_found: () => 'Not found.',
  slot_fully_booked: () => 'Someone just took the last seat.',
  already_booked: () => 'You have already booked this slot.',
  slot_inactive: () => 'This slot is not open for booking right now.',
  slot_in_past: () => 'This slot has already started.',
  slot_has_bookings: () => 'This slot has bookings: cancel them before deleting it.',
  slot_overlaps: () => 'This overlaps another of your slots.',
  handle_taken: () => 'Another account already publishes under this email address. Sign in with that account.',
  booking_limit_reached: () => 'You have reached the limit of open bookings.',
  idempotency_key_reused: () => 'This request was already sent with different details. Reload the page and try again.',
  precondition_failed: () => 'This slot changed since you loaded it (perhaps someone booked it). Here it is as it is now.',
  payload_too_large: () => 'That is too much to send at once.',
  unsupported_media_type: () => 'The request could not be read. Reload the page and try again.',
  rate_limited: (p) => `Too many requests. Try again ${wait(p)}.`,
  internal_error: () => 'Something went wrong on our side. Please try again.',
  database_unavailable: (p) => `The service is briefly unavailable. Try again ${wait(p)}.`,
  slot_busy: (p) => `Many people are booking this slot right now. Try again ${wait(p)}.`,
  time_budget_exceeded: (p) => `The service is busy. Try again ${wait(p)}.`,
  database_timeout: (p) => `The service is busy. Try again ${wait(p)}.`,
  reads_busy: (p) => `The service is busy. Try again ${wait(p)}.`,
};

/** What to tell a person about an error, whatever it is. */
export function describeError(error: unknown): string {
  if (error instanceof ApiProblem) {
    const sentence = sentences[error.code as ProblemCode];
    if (sentence) {
      return sentence(error);
    }
    if (error.status === 401) {
      return sentences.unauthenticated(error);
    }
    if (error.status === 503 || error.status === 429) {
      return `The service is busy. Try again ${wait(error)}.`;
    }
    return error.message || 'Something went wrong. Please try again.';
  }
  return 'The service cannot be reached. Check your connection and try again.';
}

const dates = 'from 1970 to 2199, up to two years ahead';

/**
 * Every field the API may name in a 400's `errors` (each request body's properties and each parameter the document
 * lists), as one sentence for a person that says all of its rules. A test fails when the document has a field without
 * its sentence here, and the API's own test fails when a validator names a field the document lacks.
 */
export const fieldSentences: Record<string, string> = {
  // A slot and a weekly series.
  date: `Pick a date ${dates}.`,
  startTime: 'Give the start as a 24-hour time, such as 09:30.',
  endTime: 'Give the end as a 24-hour time after the start, such as 10:30.',
  totalCapacity: `Seats must be a whole number from 1 to ${limits.maxCapacity}.`,
  timezone: 'Pick a time zone from the list.',
  serviceId: `A service's link name is one line of up to ${limits.maxServiceIdLength} characters.`,
  specialistEmail: 'Give an email address such as name@example.com.',
  specialistId: 'The sign-in id is one line of text.',
  status: 'Choose one of the listed states.',
  from: `Pick the first day ${dates}.`,
  to: 'Pick a last day on or after the first, at most two years later.',
  weekdays: 'Tick at least one weekday.',
  windows: 'Give at least one time window, each ending after it starts, none overlapping another.',
  slotMinutes: 'Slot length is a whole number of minutes that fits in each window (or leave it empty for one slot per window).',
  gapMinutes: 'The gap is a whole number of minutes, 0 or more.',
  // The booking rules.
  policy: 'Check the booking rules: notices are from 0 minutes to a year.',
  bookingNoticeMinutes: 'The booking notice is from 0 minutes to a year.',
  cancelNoticeMinutes: 'The cancellation notice is from 0 minutes to a year.',
  rescheduleNoticeMinutes: 'The notice for moving a booking is from 0 minutes to a year, or blank.',
  cancellationReason: 'Choose whether a reason is optional or required.',
  waitlist: 'Choose whether full slots take a waitlist.',
  includeFull: 'Choose whether full slots are listed.',
  // A booking and its cancellation.
  customerId: 'The customer id is one line of text.',
  customerEmail: 'Give an email address such as name@example.com.',
  customerName: 'The name is one line of text.',
  toSlotId: 'Pick the time to move the booking to.',
  holdId: 'The seat hold to book with is the id the hold answered.',
  minutes: 'A seat is kept from 1 to 15 minutes.',
  reason: `The reason is one line of up to ${limits.maxReasonLength} characters.`,
  // The profile and its services.
  displayName: `The name is one line of 1 to ${limits.maxDisplayNameLength} characters.`,
  introduction: `The introduction is up to ${limits.maxIntroductionLength} characters of text.`,
  services: `List at most ${limits.maxServices} services, each with a link name of its own.`,
  id: `A link name is one line of up to ${limits.maxServiceIdLength} characters, different for each service.`,
  title: `Give each service a title of 1 to ${limits.maxServiceTitleLength} characters on one line.`,
  durationMinutes: `The usual length is ${limits.minServiceMinutes} to ${limits.maxServiceMinutes} minutes.`,
  description: `A description is one line of up to ${limits.maxServiceDescriptionLength} characters.`,
  // Webhooks, which internal services manage.
  url: 'Give an https address that can receive webhooks.',
  types: 'Choose event types from the list.',
  keepPreviousMinutes: 'Keep the old secret for 0 minutes to a week.',
  // The lists' parameters.
  slotId: 'That is not a slot reference.',
  seriesId: 'That is not a series reference.',
  webhookId: 'That is not a webhook reference.',
  deliveryId: 'That is not a delivery reference.',
  notificationId: 'That is not a notification reference.',
  token: 'That calendar feed address is not valid.',
  startDate: `Pick a first day ${dates}.`,
  endDate: 'Pick a last day on or after the first.',
  limit: `Ask for 1 to ${limits.maxPageSize} at a time.`,
  cursor: 'That page no longer exists; start from the first.',
  after: 'That position in the feed is not valid; start from the beginning.',
  q: `Search with up to ${limits.maxSearchLength} characters on one line.`,
  when: 'Choose upcoming or past.',
  booked: 'Choose booked or not booked.',
  dryRun: 'Choose whether to preview or publish.',
};

/** The sentence for a field the API names: `services[1].title` reads as `title`, `policy.cancelNoticeMinutes` as its last step. */
export function fieldSentence(path: string): string | undefined {
  return fieldSentences[path.replace(/\[\d+\]/g, '').split('.').at(-1) ?? ''];
}

/**
 * The API's field errors under the form's field names (the API names them in camelCase, as the form does), each in the
 * field's sentence; the API's own words only for a field this UI does not know yet.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiProblem)) {
    return {};
  }
  return Object.fromEntries(Object.entries(error.errors).map(([field, messages]) => [field, fieldSentence(field) ?? messages.join(' ')]));
}

/**
 * An error as a form shows it: on the fields the API named, or on the field `fieldOfCode` places its code on; `form` is
 * the error itself when it belongs to no field (then the form shows it above its fields), null otherwise.
 */
export function formErrors(error: unknown, fieldOfCode: Record<string, string> = {}) {
  const fields = fieldErrors(error);
  const field = error instanceof ApiProblem ? fieldOfCode[error.code] : undefined;
  if (field && Object.keys(fields).length === 0) {
    fields[field] = describeError(error);
  }
  return { fields, form: error && Object.keys(fields).length === 0 ? error : null };
}
