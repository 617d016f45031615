namespace Slots.Api.OpenApi;

/// <summary>The document's tags, each with what it groups.</summary>
public static class ApiTags
{
    public const string Slots = "Consulting slots";
    public const string Specialists = "Specialists";
    public const string Me = "Me";
    public const string Events = "Events";
    public const string Webhooks = "Webhooks";
    public const string Customers = "Customers";
    public const string Notifications = "Notifications";

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        [Slots] = "Create, read, change and delete slots, and book and cancel seats in them.",
        [Specialists] = "A specialist's schedule (for the specialist) and bookable slots (for anyone).",
        [Me] = "What belongs to the signed-in caller: a customer's bookings, and their calendar feed.",
        [Events] = "What changed, for internal services: every change to a slot or a booking as a CloudEvent, in a feed.",
        [Webhooks] = "The same events pushed to internal services: signed, retried, and replayable.",
        [Customers] = "A customer's personal data, for an admin: erasure.",
        [Notifications] = "The mail a booking sends (confirmations with calendar invites, cancellations, updates), for an admin.",
    };
}
