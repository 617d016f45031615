namespace Slots.Api.Errors;

/// <summary>
/// Every stable <c>code</c> an error body can carry, by status. The OpenAPI document lists them as each status's
/// enum, and the contract tests fail on a body whose code is not listed here.
/// </summary>
public static class ProblemCodes
{
    public static readonly IReadOnlyDictionary<int, string[]> ByStatus = new Dictionary<int, string[]>
    {
        [400] =
        [
            "validation_failed", "bad_request", "start_not_in_future", "date_out_of_range", "end_not_after_start",
            "unknown_time_zone", "nonexistent_local_time", "invalid_time", "invalid_capacity", "webhook_target_refused",
            "invalid_pattern", "series_too_large", "invalid_policy", "cancellation_reason_required",
        ],
        [401] = ["unauthenticated", "invalid_token"],
        [403] = ["role_not_allowed", "scope_missing", "not_yourself", "email_not_verified"],
        [404] = ["slot_not_found", "series_not_found", "booking_not_found", "webhook_not_found", "delivery_not_found", "notification_not_found", "specialist_not_found", "calendar_feed_not_found",
            "waitlist_entry_not_found", "hold_not_found",
            NotFound],
        [405] = [MethodNotAllowed],
        [409] =
        [
            "slot_fully_booked", "already_booked", "slot_inactive", "slot_in_past", "slot_has_bookings", "slot_overlaps",
            "booking_limit_reached", "delivery_in_flight", "webhook_disabled", "handle_taken", "customer_has_live_bookings",
            "notification_in_flight", "booking_window_closed", "cancellation_window_closed", "move_to_other_specialist",
            "reschedule_window_closed", "move_limit_reached", "waitlist_closed", "seats_available", "already_waiting", "waitlist_full",
            "waitlist_limit_reached", "hold_booked", "already_holding", "hold_limit_reached",
        ],
        [410] = ["position_expired", "hold_expired", "hold_released"],
        [412] = ["precondition_failed"],
        [413] = [PayloadTooLarge],
        [415] = [UnsupportedMediaType],
        [422] = ["idempotency_key_reused"],
        [429] = ["rate_limited"],
        [500] = [InternalError],
        [503] = ["database_unavailable", "slot_busy", "time_budget_exceeded", "database_timeout", "reads_busy"],
    };

    /// <summary>No route matches the path (or a slot id that is not a UUID).</summary>
    public const string NotFound = "not_found";

    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string InternalError = "internal_error";

    /// <summary>The code of a body the framework wrote (no handler chose one), by its status.</summary>
    public static string? ForFrameworkStatus(int? status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status500InternalServerError => InternalError,
        _ => null,
    };
}
