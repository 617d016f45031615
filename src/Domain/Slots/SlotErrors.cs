using Slots.Domain.Common;

namespace Slots.Domain.Slots;

/// <summary>Every error the slot aggregate can raise, each with its stable code.</summary>
public static class SlotErrors
{
    /// <summary>No slot has the given id.</summary>
    public static DomainException NotFound(Guid slotId) =>
        new("slot_not_found", $"Slot {slotId} was not found.", DomainErrorKind.NotFound);

    /// <summary>An imported slot lists more bookings than it has seats.</summary>
    public static DomainException OverCapacity(int bookings, int capacity) =>
        new("slot_over_capacity", $"{bookings} bookings for {capacity} seats.", DomainErrorKind.Invalid, "bookings");

    /// <summary>No series has the given id (or none the caller manages).</summary>
    public static DomainException SeriesNotFound(Guid seriesId) =>
        new("series_not_found", $"Series {seriesId} was not found.", DomainErrorKind.NotFound);

    /// <summary>No specialist has published under the email (or set a policy with it).</summary>
    public static DomainException SpecialistNotFound(string email) =>
        new("specialist_not_found", $"No specialist has the address {email}.", DomainErrorKind.NotFound);

    /// <summary>The customer holds no live booking in the slot.</summary>
    public static DomainException BookingNotFound(Guid slotId, string customerId) =>
        new("booking_not_found", $"Customer '{customerId}' has no active booking in slot {slotId}.", DomainErrorKind.NotFound);

    /// <summary>Every seat is taken.</summary>
    public static DomainException FullyBooked() =>
        new("slot_fully_booked", "The slot is fully booked.", DomainErrorKind.Conflict);

    /// <summary>The customer already holds a live booking in the slot.</summary>
    public static DomainException AlreadyBooked() =>
        new("already_booked", "This customer has already booked the slot.", DomainErrorKind.Conflict);

    /// <summary>The slot is inactive, so it cannot be booked.</summary>
    public static DomainException Inactive() =>
        new("slot_inactive", "The slot is inactive.", DomainErrorKind.Conflict);

    /// <summary>The slot has already started, so it cannot be booked or changed.</summary>
    public static DomainException InPast() =>
        new("slot_in_past", "The slot has already started.", DomainErrorKind.Conflict);

    /// <summary>The slot changed after the caller read it (their <c>If-Match</c> names another version).</summary>
    public static DomainException VersionMismatch(int current) =>
        new("precondition_failed", $"The slot has changed since it was read (it is now at version {current}); read it again.",
            DomainErrorKind.PreconditionFailed);

    /// <summary>A slot with live bookings cannot be deleted.</summary>
    public static DomainException HasBookings() =>
        new("slot_has_bookings", "Cannot delete - slot already booked.", DomainErrorKind.Conflict);

    /// <summary>The specialist already has a slot whose time range overlaps this one.</summary>
    public static DomainException Overlaps() =>
        new("slot_overlaps", "The specialist already has a slot that overlaps this time range.", DomainErrorKind.Conflict);

    /// <summary>The email, the public handle slots are published under, belongs to another specialist account.</summary>
    public static DomainException HandleTaken(string email) =>
        new("handle_taken",
            $"{email} is the public handle of another specialist account; publish from that account, or ask an admin.",
            DomainErrorKind.Conflict);

    /// <summary>The new start time is not in the future.</summary>
    public static DomainException StartNotInFuture() =>
        new("start_not_in_future", "The slot must start in the future.", DomainErrorKind.Invalid, "startTime");

    /// <summary>The date lies outside the supported window (see <see cref="SlotLimits.EarliestDate"/>).</summary>
    public static DomainException DateOutOfRange(DateOnly date) =>
        new("date_out_of_range",
            $"{date:yyyy-MM-dd} is outside the supported dates {SlotLimits.EarliestDate:yyyy-MM-dd} to {SlotLimits.LatestDate:yyyy-MM-dd}.",
            DomainErrorKind.Invalid, "date");

    /// <summary>The end time is not after the start time.</summary>
    public static DomainException EndNotAfterStart() =>
        new("end_not_after_start", "endTime must be after startTime on the same date.", DomainErrorKind.Invalid, "endTime");

    /// <summary>The time zone is not a known IANA zone.</summary>
    public static DomainException UnknownTimeZone(string zone) =>
        new("unknown_time_zone", $"'{zone}' is not a known IANA time zone.", DomainErrorKind.Invalid, "timezone");

    /// <summary>The code of <see cref="NonexistentLocalTime"/>.</summary>
    public const string NonexistentLocalTimeCode = "nonexistent_local_time";

    /// <summary>The local time falls into a daylight-saving gap and never happens on that date.</summary>
    public static DomainException NonexistentLocalTime(string field, DateOnly date, TimeOnly time, string zone) =>
        new(NonexistentLocalTimeCode,
            $"{date:yyyy-MM-dd} {time:HH\\:mm} does not exist in {zone} (the clocks skip it).",
            DomainErrorKind.Invalid, field);

    /// <summary>Times must be whole minutes.</summary>
    public static DomainException NotWholeMinutes(string field) =>
        new("invalid_time", "Times are whole minutes (HH:mm).", DomainErrorKind.Invalid, field);

    /// <summary>The capacity is outside 1..1000.</summary>
    public static DomainException CapacityOutOfRange(int capacity) =>
        new("invalid_capacity",
            $"totalCapacity must be between {SlotLimits.MinCapacity} and {SlotLimits.MaxCapacity}; got {capacity}.",
            DomainErrorKind.Invalid, "totalCapacity");

    /// <summary>A policy's notice is outside 0..<see cref="SlotLimits.MaxNoticeMinutes"/>.</summary>
    public static DomainException NoticeOutOfRange(string field, int minutes) =>
        new("invalid_policy", $"{field} must be between 0 and {SlotLimits.MaxNoticeMinutes} minutes; got {minutes}.",
            DomainErrorKind.Invalid, field);

    /// <summary>The slot starts too soon to be booked under its policy's booking notice.</summary>
    public static DomainException BookingWindowClosed(DateTime bookableUntil) =>
        new("booking_window_closed",
            $"The slot could be booked until {Instant.Text(bookableUntil)}; it now starts too soon.", DomainErrorKind.Conflict);

    /// <summary>A customer cancels after the booking's <see cref="Booking.CancellableUntil"/>.</summary>
    public static DomainException CancellationWindowClosed(DateTime cancellableUntil) =>
        new("cancellation_window_closed",
            $"The booking could be cancelled until {Instant.Text(cancellableUntil)}; ask the specialist.", DomainErrorKind.Conflict);

    /// <summary>The booking's policy asks for a reason and none was given.</summary>
    public static DomainException CancellationReasonRequired() =>
        new("cancellation_reason_required", "This booking's policy asks for a reason to cancel it.", DomainErrorKind.Invalid, "reason");

    /// <summary>A booking moves only between one specialist's slots.</summary>
    public static DomainException OtherSpecialist() =>
        new("move_to_other_specialist", "A booking moves only to another slot of the same specialist.", DomainErrorKind.Conflict);

    /// <summary>The customer's time to move the booking themselves has ended (its policy's reschedule notice).</summary>
    public static DomainException RescheduleWindowClosed(DateTime until) =>
        new("reschedule_window_closed",
            $"The booking could be moved until {until:yyyy-MM-dd'T'HH:mm:ss'Z'}; now only the specialist can move it.", DomainErrorKind.Conflict);

    /// <summary>The booking has moved as often as a booking may (<see cref="SlotLimits.MaxMoves"/>).</summary>
    public static DomainException MoveLimitReached() =>
        new("move_limit_reached", $"A booking moves at most {SlotLimits.MaxMoves} times; cancel it and book again.", DomainErrorKind.Conflict);

    /// <summary>The slot's policy takes no waitlist.</summary>
    public static DomainException WaitlistClosed() =>
        new("waitlist_closed", "This slot takes no waitlist.", DomainErrorKind.Conflict);

    /// <summary>A seat is free: the customer books it rather than wait for one.</summary>
    public static DomainException SeatsAvailable() =>
        new("seats_available", "The slot has a free seat; book it instead of joining the waitlist.", DomainErrorKind.Conflict);

    /// <summary>The customer is already in the slot's waitlist.</summary>
    public static DomainException AlreadyWaiting() =>
        new("already_waiting", "This customer is already on the slot's waitlist.", DomainErrorKind.Conflict);

    /// <summary>As many customers wait for the slot as may (<see cref="SlotLimits.MaxWaitingPerSlot"/>).</summary>
    public static DomainException WaitlistFull() =>
        new("waitlist_full", $"At most {SlotLimits.MaxWaitingPerSlot} customers may wait for one slot.", DomainErrorKind.Conflict);

    /// <summary>The customer waits for as many slots as one may (<see cref="SlotLimits.MaxWaitingPerCustomer"/>).</summary>
    public static DomainException WaitlistLimitReached() =>
        new("waitlist_limit_reached",
            $"A customer may wait for at most {SlotLimits.MaxWaitingPerCustomer} upcoming slots; leave a waitlist to join another.",
            DomainErrorKind.Conflict);

    /// <summary>The customer is not waiting for the slot.</summary>
    public static DomainException NotWaiting(Guid slotId, string customerId) =>
        new("waitlist_entry_not_found", $"Customer '{customerId}' is not on the waitlist of slot {slotId}.", DomainErrorKind.NotFound);

    /// <summary>No hold of this slot has the id, or it is another customer's.</summary>
    public static DomainException HoldNotFound(Guid slotId, Guid holdId) =>
        new("hold_not_found", $"Slot {slotId} has no hold {holdId} of this customer.", DomainErrorKind.NotFound);

    /// <summary>The hold's time ran out: its seat is no longer kept.</summary>
    public static DomainException HoldExpired(DateTime expiredAt) =>
        new("hold_expired", $"The hold expired at {Instant.Text(expiredAt)}; its seat is no longer kept.", DomainErrorKind.Gone);

    /// <summary>The hold was let go: its seat is no longer kept.</summary>
    public static DomainException HoldReleased() =>
        new("hold_released", "The hold was released; its seat is no longer kept.", DomainErrorKind.Gone);

    /// <summary>The hold already became a booking.</summary>
    public static DomainException HoldBooked() =>
        new("hold_booked", "The hold already became a booking; cancel the booking to free the seat.", DomainErrorKind.Conflict);

    /// <summary>The customer already holds a seat of the slot.</summary>
    public static DomainException AlreadyHolding() =>
        new("already_holding", "This customer already holds a seat of the slot; book with that hold or release it.", DomainErrorKind.Conflict);

    /// <summary>The customer holds as many seats as one may (<see cref="SlotLimits.MaxHoldsPerCustomer"/>).</summary>
    public static DomainException HoldLimitReached() =>
        new("hold_limit_reached",
            $"A customer may hold at most {SlotLimits.MaxHoldsPerCustomer} seats at a time; book or release one to hold another.",
            DomainErrorKind.Conflict);
}
