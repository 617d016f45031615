namespace Slots.Application.Customers;

/// <summary>What an erasure changed.</summary>
/// <param name="BookingsErased">Bookings whose email and name were replaced.</param>
/// <param name="EventsRewritten">Events whose data held the email or the name, rewritten.</param>
/// <param name="AnswersDeleted">Stored answers of idempotent requests that held them, deleted.</param>
public sealed record ErasureResponse(string CustomerId, int BookingsErased, int EventsRewritten, int AnswersDeleted);
