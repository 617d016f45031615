namespace Slots.Domain.Slots;

/// <summary>
/// Every limit on a slot's data, in one place: the aggregate enforces them, the validators and the OpenAPI
/// document state them, and the database columns are sized from them.
/// </summary>
public static class SlotLimits
{
    /// <summary>Smallest capacity a slot may have (a 1:1 session).</summary>
    public const int MinCapacity = 1;

    /// <summary>Largest capacity a slot may have.</summary>
    public const int MaxCapacity = 1000;

    /// <summary>How many days ahead of today (UTC) a slot may be published.</summary>
    public const int MaxDaysAhead = 730;

    /// <summary>Longest email address (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Longest id from a calling system: a customer's, a specialist's or a service's.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest token issuer (an identity provider's URL) a slot's owner may have.</summary>
    public const int MaxIssuerLength = 256;

    /// <summary>Longest display name.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Longest notice a policy may ask for: 365 days, in minutes.</summary>
    public const int MaxNoticeMinutes = 525_600;

    /// <summary>Longest cancellation reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Longest IANA time zone id (the longest real one has 32 characters).</summary>
    public const int MaxTimezoneLength = 64;

    /// <summary>
    /// The first local date the service accepts anywhere, in a slot or a query: 1970-01-01. The IANA time zone
    /// database is exact only from 1970 on, and no slot can predate the service. The window also keeps every date
    /// computation (a range end, a UTC instant at UTC+14 or UTC-12) far from the calendar's own ends.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    /// <summary>The last local date the service accepts anywhere: 2199-12-31, far beyond any slot's 730-day horizon.</summary>
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>Whether <paramref name="date"/> lies in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>].</summary>
    public static bool IsSupported(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>How many times one booking may move: its history stays bounded.</summary>
    public const int MaxMoves = 50;

    /// <summary>How many customers may wait for one slot at a time.</summary>
    public const int MaxWaitingPerSlot = 100;

    /// <summary>How many slots still to come one customer may wait for at a time.</summary>
    public const int MaxWaitingPerCustomer = 10;

    /// <summary>How long a seat hold lives unless the request asks for less or more (the host's <c>Slots:Holds:Minutes</c> may change it).</summary>
    public const int DefaultHoldMinutes = 5;

    /// <summary>The longest a seat hold may live: a held seat is one nobody else can book.</summary>
    public const int MaxHoldMinutes = 15;

    /// <summary>How many live seat holds one customer may have at a time, across slots (one per slot).</summary>
    public const int MaxHoldsPerCustomer = 3;
}
