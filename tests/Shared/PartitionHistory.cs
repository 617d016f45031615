using System.Text.Json;

namespace Slots.Tests.Shared;

/// <summary>
/// One request of the partition drill as its client saw it: a booking (<c>book</c>) or its cancellation (<c>cancel</c>)
/// for the customer of one <paramref name="Key"/>, the <paramref name="Number"/>th attempt with that key, when it was sent
/// and answered, and what came back. <paramref name="Status"/> 0 means no answer before the client gave up, -1 a
/// connection that failed. <paramref name="Booking"/> is the booking a 201 named.
/// </summary>
public sealed record Attempt(
    string Op, string Key, Guid Slot, string Customer, int Number, DateTime SentAt, DateTime? AnsweredAt, int Status, string? Code,
    Guid? Booking, bool RetryAfter, string? Body)
{
    public const string Book = "book";
    public const string Cancel = "cancel";

    public TimeSpan? Took => AnsweredAt - SentAt;

    /// <summary>
    /// An answer the client may act on as final: the booking made (201) or refused (4xx but 408 and 429), the cancellation
    /// done (204) or not needed (404: no live booking). A 503, a 500, a timeout and a failed connection leave the outcome
    /// open, so the client sends the same request again.
    /// </summary>
    public bool Settles => SettledBy(Status);

    /// <summary>Whether an answer of <paramref name="status"/> settles a request (see <see cref="Settles"/>).</summary>
    public static bool SettledBy(int status) => status is >= 200 and < 300 || (status is >= 400 and < 500 && status is not (408 or 429));
}

/// <summary>A slot as stored at the end: its capacity, its count and its live bookings.</summary>
public sealed record StoredSlot(Guid Id, int Capacity, int BookedCount, IReadOnlyList<StoredBooking> Live);

public sealed record StoredBooking(Guid Id, string Customer);

/// <summary>A booking event of the feed (<c>slots.booking.created</c> or <c>.cancelled</c>) on one of the drill's slots.</summary>
public sealed record FeedBookingEvent(string Type, Guid Slot, Guid Booking, string Customer);

/// <summary>What was stored at the end, and the feed's booking events of the same slots.</summary>
public sealed record FinalState(IReadOnlyList<StoredSlot> Slots, IReadOnlyList<FeedBookingEvent> Feed);

/// <summary>One finding of <see cref="PartitionHistory.Check"/>.</summary>
public sealed record HistoryCheck(string Name, bool Passed, string Detail);

/// <summary>
/// The partition drill's history, kept as JSON lines (one <see cref="Attempt"/> a line) and checked once the network is
/// whole again against what was stored and what the feed says. Each key is one customer's one booking (and perhaps its
/// cancellation), retried with its <c>Idempotency-Key</c> until an answer settles it.
/// </summary>
public static class PartitionHistory
{
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(3);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ToLine(Attempt attempt) => JsonSerializer.Serialize(attempt, Json);

    public static IReadOnlyList<Attempt> Read(IEnumerable<string> lines) =>
        [.. lines.Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Attempt>(l, Json)
            ?? throw new InvalidDataException($"not an attempt: {l}"))];

    public static string Write(FinalState state) => JsonSerializer.Serialize(state, Json);

    public static FinalState ReadState(string json) =>
        JsonSerializer.Deserialize<FinalState>(json, Json) ?? throw new InvalidDataException("not a final state");

    /// <summary>
    /// Every check the issue names, each with what it counted:
    /// no slot over its capacity (nor a count that differs from its live bookings); no acknowledged booking missing (nor
    /// one whose acknowledged cancellation was undone); no phantom (a stored booking no client was told of); no key booked
    /// twice (two bookings of its customer, or two 201s naming different bookings); every key settled; the stored state
    /// equal to the feed's events; every cancellation of an acknowledged booking answered 204 in the end (its retries carry
    /// its key, so a retry after a cancellation that went through replays 204, never 404); and every request answered
    /// within <see cref="AnswerBound"/>, none a 500.
    /// </summary>
    public static IReadOnlyList<HistoryCheck> Check(IReadOnlyList<Attempt> history, FinalState final)
    {
        var byKey = history.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.OrderBy(a => a.SentAt).ToList());
        var live = final.Slots.SelectMany(s => s.Live.Select(b => (Slot: s.Id, b.Id, b.Customer))).ToList();
        var liveByCustomer = live.ToLookup(b => (b.Slot, b.Customer));

        var overCapacity = final.Slots.Where(s => s.Live.Count > s.Capacity || s.BookedCount != s.Live.Count).ToList();

        var acknowledged = byKey.Values
            .Select(attempts => (Attempts: attempts, Booked: attempts.FirstOrDefault(a => a is { Op: Attempt.Book, Status: 201 })))
            .Where(k => k.Booked is not null)
            .Select(k => (k.Booked!, Cancelled: k.Attempts.Any(a => a.Op == Attempt.Cancel && a.Settles)))
            .ToList();
        var lost = acknowledged.Where(k => !k.Cancelled && !liveByCustomer[(k.Item1.Slot, k.Item1.Customer)].Any(b => b.Id == k.Item1.Booking)).ToList();
        var undone = acknowledged.Where(k => k.Cancelled && liveByCustomer[(k.Item1.Slot, k.Item1.Customer)].Any()).ToList();

        var told = history.Where(a => a is { Op: Attempt.Book, Status: 201 }).Select(a => (a.Slot, a.Customer, a.Booking)).ToHashSet();
        var phantoms = live.Where(b => !told.Contains((b.Slot, b.Customer, b.Id))).ToList();

        var customerOfKey = byKey.ToDictionary(k => k.Key, k => (k.Value[0].Slot, k.Value[0].Customer));
        var twice = byKey.Where(k =>
                k.Value.Where(a => a is { Op: Attempt.Book, Status: 201 }).Select(a => a.Booking).Distinct().Count() > 1
                || liveByCustomer[customerOfKey[k.Key]].Count() > 1)
            .Select(k => k.Key).ToList();

        var unsettled = byKey.Where(k => !k.Value[^1].Settles).Select(k => k.Value[^1]).ToList();

        // The drill's clients cancel only their own acknowledged bookings, as an admin (no window), so 204 is the one right end.
        var cancels = byKey.Values.Select(attempts => attempts.LastOrDefault(a => a is { Op: Attempt.Cancel, Settles: true })).OfType<Attempt>().ToList();
        var notCancelled = cancels.Where(a => a.Status != 204).ToList();

        var feedMismatch = FeedMismatches(final);

        var slow = history.Where(a => a.Took is not { } t || t > AnswerBound).ToList();
        var errors = history.Where(a => a.Status >= 500 && a.Status != 503).ToList();
        var slowest = history.Select(a => a.Took ?? TimeSpan.MaxValue).DefaultIfEmpty().Max();

        return
        [
            new("capacity", overCapacity.Count == 0,
                $"{final.Slots.Count} slots, {live.Count} live bookings; {overCapacity.Count} over capacity or with a count off{First(overCapacity)}"),
            new("no lost booking", lost.Count == 0 && undone.Count == 0,
                $"{acknowledged.Count} bookings answered 201, {acknowledged.Count(k => k.Cancelled)} of them cancelled since; "
                + $"{lost.Count} missing{First(lost.Select(k => k.Item1))}; {undone.Count} live again after their cancellation was answered{First(undone.Select(k => k.Item1))}"),
            new("no phantom", phantoms.Count == 0,
                $"{phantoms.Count} of {live.Count} live bookings were never answered 201 to anyone{First(phantoms)}"),
            new("each key once", twice.Count == 0,
                $"{byKey.Count} keys, {history.Count(a => a.Number > 1)} retries; {twice.Count} booked more than once{First(twice)}"),
            new("every key settled", unsettled.Count == 0,
                $"{unsettled.Count} keys whose last answer left the outcome open{First(unsettled)}"),
            new("each cancellation 204", notCancelled.Count == 0,
                $"{cancels.Count} cancellations settled; {notCancelled.Count} answered otherwise in the end{First(notCancelled)}"),
            new("feed equals state", feedMismatch.Count == 0,
                $"{final.Feed.Count} booking events; {feedMismatch.Count} slots whose live bookings differ from the feed's{First(feedMismatch)}"),
            new("answered within 3 s", slow.Count == 0 && errors.Count == 0,
                $"{history.Count} requests: {Tally(history)}; slowest {(slowest == TimeSpan.MaxValue ? "never answered" : $"{slowest.TotalSeconds:0.00} s")}; "
                + $"{slow.Count} slower than {AnswerBound.TotalSeconds:0} s or unanswered, {errors.Count} 5xx but 503{First([.. slow, .. errors])}"),
        ];
    }

    /// <summary>
    /// Per slot, the bookings the feed's events leave live (each created once, cancelled at most once after) against the
    /// stored live bookings; a booking created twice is a mismatch too.
    /// </summary>
    private static List<Guid> FeedMismatches(FinalState final)
    {
        var events = final.Feed.ToLookup(e => e.Slot);
        return [.. final.Slots.Where(slot =>
        {
            var created = events[slot.Id].Where(e => e.Type == "slots.booking.created").Select(e => e.Booking).ToList();
            var cancelled = events[slot.Id].Where(e => e.Type == "slots.booking.cancelled").Select(e => e.Booking).ToList();
            var fromFeed = created.Except(cancelled).ToHashSet();
            return created.Count != created.Distinct().Count()
                || cancelled.Count != cancelled.Distinct().Count()
                || cancelled.Except(created).Any()
                || !fromFeed.SetEquals(slot.Live.Select(b => b.Id));
        }).Select(s => s.Id)];
    }

    /// <summary>How many attempts came back with each status (and code), the commonest first.</summary>
    public static string Tally(IEnumerable<Attempt> attempts) =>
        string.Join(", ", attempts.GroupBy(a => a.Status switch { 0 => "no answer", -1 => "connection failed", _ => $"{a.Status}{(a.Code is null ? "" : " " + a.Code)}" })
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} x {g.Key}"));

    private static string First<T>(IEnumerable<T> items) => items.Take(1).Select(item => $"; e.g. {item}").FirstOrDefault() ?? "";
}
