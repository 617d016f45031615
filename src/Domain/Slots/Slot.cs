// One file over 250 lines on purpose: the aggregate's rules read together, and half of it is their documentation.
using Slots.Domain.Common;

namespace Slots.Domain.Slots;

/// <summary>
/// A bookable consulting slot of one specialist: the aggregate root. Every change goes through a method
/// here that checks its rule first; capacity and the booked count can only move together with the
/// bookings list.
/// </summary>
public sealed class Slot
{
    private readonly List<Booking> _bookings = [];
    private readonly List<WaitlistEntry> _waitlist = [];
    private readonly List<SeatHold> _holds = [];

    // Stryker disable once all: EF Core's constructor for materializing a row; no rule lives in it.
    private Slot()
    {
        // For EF Core.
        SpecialistIssuer = string.Empty;
        SpecialistId = string.Empty;
        SpecialistEmail = string.Empty;
        Timezone = string.Empty;
    }

    private Slot(
        Guid id, Specialist specialist, string? serviceId, SlotTime time, int capacity, DateTime now, Guid? seriesId, PolicyOverride policy)
    {
        Id = id;
        SeriesId = seriesId;
        SpecialistIssuer = specialist.Issuer;
        SpecialistId = specialist.Id;
        SpecialistEmail = specialist.Email;
        ServiceId = serviceId;
        Date = time.Date;
        Timezone = time.Timezone;
        ApplyTime(time);
        TotalCapacity = capacity;
        Policy = policy;
        Status = SlotStatus.Active;
        CreatedAt = now;
        UpdatedAt = now;
        Version = 1;
    }

    /// <summary>Slot id (a version 7 UUID, so ids sort by creation time).</summary>
    public Guid Id { get; private set; }

    /// <summary>The series the slot was made in (<see cref="WeeklyPattern"/>), if any; never changes.</summary>
    public Guid? SeriesId { get; private set; }

    /// <summary>The document id the slot had in the old system, when the migration import brought it; never changes.</summary>
    public string? LegacyId { get; private set; }

    /// <summary>The issuer of the owning specialist's identity; see <see cref="IsOwnedBy"/>.</summary>
    public string SpecialistIssuer { get; private set; }

    /// <summary>The owning specialist's subject at <see cref="SpecialistIssuer"/>.</summary>
    public string SpecialistId { get; private set; }

    /// <summary>The specialist's email, ASCII lower case: the public handle customers look them up by, not the owner.</summary>
    public string SpecialistEmail { get; private set; }

    /// <summary>Optional id of the service offered in this slot.</summary>
    public string? ServiceId { get; private set; }

    /// <summary>The specialist's local date. Never changes after creation.</summary>
    public DateOnly Date { get; private set; }

    /// <summary>Local start time.</summary>
    public TimeOnly StartTime { get; private set; }

    /// <summary>Local end time.</summary>
    public TimeOnly EndTime { get; private set; }

    /// <summary>IANA time zone of the local date and times.</summary>
    public string Timezone { get; private set; }

    /// <summary>UTC instant the slot starts.</summary>
    public DateTime StartsAt { get; private set; }

    /// <summary>UTC instant the slot ends.</summary>
    public DateTime EndsAt { get; private set; }

    /// <summary>Real length in minutes between <see cref="StartsAt"/> and <see cref="EndsAt"/>.</summary>
    public int DurationMinutes { get; private set; }

    /// <summary>Seats in the slot (1 for a 1:1 session). Never changes after creation.</summary>
    public int TotalCapacity { get; private set; }

    /// <summary>Live bookings held in the slot.</summary>
    public int BookedCount { get; private set; }

    /// <summary>Customers in the slot's waitlist now.</summary>
    public int WaitingCount { get; private set; }

    /// <summary>
    /// Seat holds not ended yet (<see cref="HoldStatus.Live"/>), some maybe past their time: a hold stops keeping its seat
    /// when it expires, whether or not anything has ended it (<see cref="SeatsLeft"/>).
    /// </summary>
    public int HeldCount { get; private set; }

    /// <summary>Whether someone holds a seat: such a slot cannot be deleted.</summary>
    public bool HasLiveBookings => BookedCount > 0;

    /// <summary>Whether customers may book.</summary>
    public SlotStatus Status { get; private set; }

    /// <summary>What this slot changes of its specialist's <see cref="BookingPolicy"/> (set alone, or for a whole series).</summary>
    public PolicyOverride Policy { get; private set; } = PolicyOverride.None;

    /// <summary>
    /// The bookings loaded with the slot, in the order they were made: as many as the command asked its repository
    /// for (seats are counted in <see cref="BookedCount"/>, so the rules need at most the acting customer's).
    /// </summary>
    public IReadOnlyCollection<Booking> Bookings => _bookings.AsReadOnly();

    /// <summary>
    /// The waitlist entries loaded with the slot, in line order: as many as the command asked its repository for (the line's
    /// length is <see cref="WaitingCount"/>).
    /// </summary>
    public IReadOnlyCollection<WaitlistEntry> Waitlist => _waitlist.AsReadOnly();

    /// <summary>
    /// The seat holds loaded with the slot: every one not ended when a command loads it for a change (<see cref="HeldCount"/>
    /// of them), and the one a booking names.
    /// </summary>
    public IReadOnlyCollection<SeatHold> Holds => _holds.AsReadOnly();

    /// <summary>When the slot was created (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the slot last changed (UTC).</summary>
    public DateTime UpdatedAt { get; private set; }

    /// <summary>
    /// 1 when created, one more with every change: its times, its status, and each booking made or cancelled (the
    /// specialist's view lists the bookings, so a booking changes what that view shows). Its HTTP ETag.
    /// </summary>
    public int Version { get; private set; }

    /// <summary>
    /// Creates a slot that starts in the future, owned by <paramref name="specialist"/>, in the series
    /// <paramref name="seriesId"/> when a pattern makes it, overriding the specialist's policy as <paramref name="policy"/> says.
    /// </summary>
    /// <exception cref="DomainException">When the start is not in the future or the capacity is out of range.</exception>
    public static Slot Create(
        Specialist specialist, string? serviceId, SlotTime time, int capacity, DateTimeOffset now, Guid? seriesId = null,
        PolicyOverride? policy = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var owner = Owner(specialist);
        EnsureCapacity(capacity);
        if (time.StartsAt <= Instant.From(now))
        {
            throw SlotErrors.StartNotInFuture();
        }

        return new Slot(Guid.CreateVersion7(now), owner, serviceId, time, capacity, Instant.From(now), seriesId, policy ?? PolicyOverride.None);
    }

    /// <summary>
    /// A slot brought over from the old system by the migration import, as it was there: its status, bookings and
    /// timestamps kept, keyed by <paramref name="legacyId"/>. Every rule of <see cref="Create"/> and <see cref="Book"/>
    /// holds except "starts in the future", so past slots come in as history.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>invalid_capacity</c>; <c>slot_over_capacity</c> with more bookings than seats; <c>already_booked</c> when a
    /// customer holds two of them.
    /// </exception>
    public static Slot Import(
        string legacyId,
        Specialist specialist,
        string? serviceId,
        SlotTime time,
        int capacity,
        SlotStatus status,
        IReadOnlyList<(Customer Customer, DateTime BookedAt)> bookings,
        DateTime createdAt,
        DateTime updatedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(legacyId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(bookings);
        var owner = Owner(specialist);
        EnsureCapacity(capacity);
        if (bookings.Count > capacity)
        {
            throw SlotErrors.OverCapacity(bookings.Count, capacity);
        }

        var slot = new Slot(Guid.CreateVersion7(new DateTimeOffset(createdAt, TimeSpan.Zero)), owner, serviceId, time, capacity, createdAt, null, PolicyOverride.None)
        {
            LegacyId = legacyId,
            Status = status,
            UpdatedAt = updatedAt,
        };
        foreach (var (customer, bookedAt) in bookings.OrderBy(b => b.BookedAt))
        {
            if (slot.HoldsLiveBooking(customer.Id))
            {
                throw SlotErrors.AlreadyBooked();
            }

            slot.Seat(customer, bookedAt, BookingPolicy.Default);
        }

        return slot;
    }

    /// <summary>Whether the specialist with this subject at this issuer owns the slot; emails play no part.</summary>
    public bool IsOwnedBy(string issuer, string subject) =>
        string.Equals(SpecialistIssuer, issuer, StringComparison.Ordinal) && string.Equals(SpecialistId, subject, StringComparison.Ordinal);

    /// <summary>
    /// Books a seat for the customer under the policy that applies: this slot's <see cref="Policy"/> over
    /// <paramref name="specialists"/>, the specialist's own. The booking keeps that policy. The customer's live hold of a
    /// seat (the one <paramref name="holdId"/> names, or else theirs if they have one) becomes the booking, which then
    /// cannot be refused for capacity.
    /// </summary>
    /// <exception cref="DomainException">As <see cref="EnsureBookable"/>.</exception>
    public Booking Book(Customer customer, DateTimeOffset now, BookingPolicy specialists, Guid? holdId = null)
    {
        EnsureBookable(customer, now, specialists, holdId);
        var hold = HoldOf(customer.Id, now, holdId);
        var booking = Seat(customer, Instant.From(now), Policy.Over(specialists));
        UseHold(hold, booking, now);
        Changed(now);
        return booking;
    }

    /// <summary>Checks every rule <see cref="Book"/> checks, without booking.</summary>
    /// <exception cref="DomainException">
    /// <c>slot_inactive</c>, <c>slot_in_past</c>, <c>already_booked</c>, <c>booking_window_closed</c>; for a named hold
    /// <c>hold_not_found</c>, <c>hold_expired</c>, <c>hold_released</c> or <c>hold_booked</c>; without a live hold,
    /// <c>slot_fully_booked</c> when bookings and live holds take every seat.
    /// </exception>
    public void EnsureBookable(Customer customer, DateTimeOffset now, BookingPolicy specialists, Guid? holdId = null)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrWhiteSpace(customer.Id);
        EnsureOpenForBooking(now, specialists);
        if (HoldsLiveBooking(customer.Id))
        {
            throw SlotErrors.AlreadyBooked();
        }

        if (HoldOf(customer.Id, now, holdId) is null && SeatsLeft(now) <= 0)
        {
            throw SlotErrors.FullyBooked();
        }
    }

    /// <summary>
    /// Seats nobody takes at <paramref name="now"/>: the capacity less the live bookings and the live holds. A hold past its
    /// time takes none; one not loaded with the slot is counted as live, so a load that leaves holds out never overbooks.
    /// </summary>
    public int SeatsLeft(DateTimeOffset now)
    {
        var at = Instant.From(now);
        var lapsed = _holds.Count(h => h.HasLapsedBy(at));
        return TotalCapacity - BookedCount - (HeldCount - lapsed);
    }

    /// <summary>
    /// Keeps a seat for the customer for <paramref name="timeToLive"/>, or until the slot's booking notice closes if that is
    /// sooner: while the hold lives the seat counts as taken, and the customer's booking with it cannot be refused for
    /// capacity. The slot must be loaded with its holds and the customer's live booking.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>slot_inactive</c>, <c>slot_in_past</c>, <c>booking_window_closed</c>, <c>already_booked</c>, <c>already_holding</c> or
    /// <c>slot_fully_booked</c>.
    /// </exception>
    public SeatHold PlaceHold(Customer customer, DateTimeOffset now, BookingPolicy specialists, TimeSpan timeToLive)
    {
        if (timeToLive <= TimeSpan.Zero || timeToLive > TimeSpan.FromMinutes(SlotLimits.MaxHoldMinutes))
        {
            throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, $"A hold lives at most {SlotLimits.MaxHoldMinutes} minutes.");
        }

        EnsureHoldable(customer, now, specialists);
        // Never past the moment booking closes: a live hold can always be booked, as far as time goes.
        var at = Instant.From(now);
        var bookableUntil = Policy.Over(specialists).BookableUntil(StartsAt);
        var expiresAt = at + timeToLive < bookableUntil ? at + timeToLive : bookableUntil;
        if (expiresAt <= at)
        {
            throw SlotErrors.BookingWindowClosed(bookableUntil);
        }

        var hold = new SeatHold(Id, Normalized(customer), at, expiresAt);
        _holds.Add(hold);
        HeldCount++;
        Changed(now);
        return hold;
    }

    /// <summary>Checks every rule <see cref="PlaceHold"/> checks, without holding.</summary>
    /// <exception cref="DomainException">
    /// <c>slot_inactive</c>, <c>slot_in_past</c>, <c>booking_window_closed</c>, <c>already_booked</c>, <c>already_holding</c> or
    /// <c>slot_fully_booked</c>.
    /// </exception>
    public void EnsureHoldable(Customer customer, DateTimeOffset now, BookingPolicy specialists)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrWhiteSpace(customer.Id);
        EnsureOpenForBooking(now, specialists);
        if (HoldsLiveBooking(customer.Id))
        {
            throw SlotErrors.AlreadyBooked();
        }

        if (HoldOf(customer.Id, now, holdId: null) is not null)
        {
            throw SlotErrors.AlreadyHolding();
        }

        if (SeatsLeft(now) <= 0)
        {
            throw SlotErrors.FullyBooked();
        }
    }

    /// <summary>Lets a live hold's seat go; the slot must be loaded with the hold.</summary>
    /// <exception cref="DomainException">
    /// <c>hold_not_found</c>, <c>hold_expired</c>, <c>hold_released</c> (released before) or <c>hold_booked</c>.
    /// </exception>
    public SeatHold ReleaseHold(Guid holdId, DateTimeOffset now)
    {
        var hold = _holds.Find(h => h.Id == holdId) ?? throw SlotErrors.HoldNotFound(Id, holdId);
        EnsureLive(hold, Instant.From(now));
        EndHold(hold, HoldStatus.Released, Instant.From(now));
        Changed(now);
        return hold;
    }

    /// <summary>
    /// Ends the loaded holds whose time ran out (<see cref="HoldStatus.Expired"/>, ended at their <see cref="SeatHold.ExpiresAt"/>):
    /// their seats were free from that moment on; this puts the record straight. Returns them, the earliest first.
    /// </summary>
    public IReadOnlyList<SeatHold> ExpireHolds(DateTimeOffset now)
    {
        var at = Instant.From(now);
        var lapsed = _holds.Where(h => h.HasLapsedBy(at)).OrderBy(h => h.ExpiresAt).ToList();
        foreach (var hold in lapsed)
        {
            EndHold(hold, HoldStatus.Expired, hold.ExpiresAt);
        }

        if (lapsed.Count > 0)
        {
            Changed(now);
        }

        return lapsed;
    }

    /// <summary>The slot's own rules for a booking, whoever books: active, not started, within the booking notice.</summary>
    private void EnsureOpenForBooking(DateTimeOffset now, BookingPolicy specialists)
    {
        if (ClosedForBooking(now, specialists) is { } closed)
        {
            throw closed;
        }
    }

    /// <summary>Why the slot cannot be booked by anyone now (inactive, started, past its booking notice); null when it can.</summary>
    private DomainException? ClosedForBooking(DateTimeOffset now, BookingPolicy specialists)
    {
        if (Status != SlotStatus.Active)
        {
            return SlotErrors.Inactive();
        }

        if (StartsAt <= Instant.From(now))
        {
            return SlotErrors.InPast();
        }

        // Booking is open until the notice's moment itself, not after it.
        var bookableUntil = Policy.Over(specialists).BookableUntil(StartsAt);
        return Instant.From(now) > bookableUntil ? SlotErrors.BookingWindowClosed(bookableUntil) : null;
    }

    /// <summary>
    /// Ends the customer's live booking before the slot starts; it stays on record with its cancellation: when, by whom,
    /// why, and whether it came after <see cref="Booking.CancellableUntil"/> (only the specialist or an admin may do that).
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>booking_not_found</c> when the customer holds no live booking; <c>slot_in_past</c> once the slot has started;
    /// <c>cancellation_window_closed</c> and <c>cancellation_reason_required</c> as <see cref="Booking"/>'s policy says.
    /// </exception>
    public Booking CancelBooking(string customerId, DateTimeOffset now, CancelledBy by, string? reason)
    {
        if (StartsAt <= Instant.From(now))
        {
            throw SlotErrors.InPast();
        }

        var booking = _bookings.Find(b => b.IsLive && b.CustomerId == customerId)
            ?? throw SlotErrors.BookingNotFound(Id, customerId);
        booking.Cancel(Instant.From(now), by, reason);
        BookedCount--;
        Changed(now);
        return booking;
    }

    /// <summary>
    /// Moves the customer's live booking from this slot to <paramref name="target"/>, another slot of the same specialist,
    /// in place: the booking keeps its id (and its invite's UID), its invite is revised, it lists this slot in its
    /// <see cref="Booking.MovedFrom"/>, and it takes the policy a new booking of the target would. The target is checked
    /// as a booking is (<see cref="EnsureBookable"/>); when it refuses, nothing changes. A customer (or a service for
    /// them) moves their booking only until its <see cref="Booking.ReschedulableUntil"/>; the specialist and an admin,
    /// until it starts.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>slot_in_past</c> once this slot has started; <c>booking_not_found</c>; <c>move_to_other_specialist</c>;
    /// <c>reschedule_window_closed</c>; <c>move_limit_reached</c> after <see cref="SlotLimits.MaxMoves"/>; and the target's <c>slot_inactive</c>, <c>slot_in_past</c>, <c>already_booked</c>,
    /// <c>booking_window_closed</c> or <c>slot_fully_booked</c>.
    /// </exception>
    public Booking MoveBooking(string customerId, Slot target, DateTimeOffset now, BookingPolicy specialists, CancelledBy by)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (StartsAt <= Instant.From(now))
        {
            throw SlotErrors.InPast();
        }

        var booking = _bookings.Find(b => b.IsLive && b.CustomerId == customerId)
            ?? throw SlotErrors.BookingNotFound(Id, customerId);
        if (!target.IsOwnedBy(SpecialistIssuer, SpecialistId) || target.SpecialistEmail != SpecialistEmail)
        {
            throw SlotErrors.OtherSpecialist();
        }

        if (by is CancelledBy.Customer or CancelledBy.Service && Instant.From(now) > booking.ReschedulableUntil)
        {
            throw SlotErrors.RescheduleWindowClosed(booking.ReschedulableUntil);
        }

        if (booking.MovedFrom.Count >= SlotLimits.MaxMoves)
        {
            throw SlotErrors.MoveLimitReached();
        }

        target.EnsureBookable(new Customer(booking.CustomerId, booking.CustomerEmail, booking.CustomerName), now, specialists);
        _bookings.Remove(booking);
        BookedCount--;
        Changed(now);
        booking.MoveTo(target.Id, target.StartsAt, target.Policy.Over(specialists));
        // A seat the customer holds in the target is the one they move into.
        var hold = target.HoldOf(customerId, now, holdId: null);
        target._bookings.Add(booking);
        target.BookedCount++;
        target.UseHold(hold, booking, now);
        target.Changed(now);
        return booking;
    }

    /// <summary>
    /// Puts the customer in line for a seat of this full slot, when its policy (<see cref="BookingPolicy.Waitlist"/>) takes
    /// a waitlist; the slot must be loaded with the customer's live booking and waitlist entry, if any.
    /// </summary>
    /// <exception cref="DomainException">As <see cref="EnsureJoinable"/>.</exception>
    public WaitlistEntry JoinWaitlist(Customer customer, DateTimeOffset now, BookingPolicy specialists)
    {
        EnsureJoinable(customer, now, specialists);
        var entry = new WaitlistEntry(Id, Normalized(customer), Instant.From(now));
        _waitlist.Add(entry);
        WaitingCount++;
        Changed(now);
        return entry;
    }

    /// <summary>Checks every rule <see cref="JoinWaitlist"/> checks, without joining.</summary>
    /// <exception cref="DomainException">
    /// <c>slot_inactive</c>, <c>slot_in_past</c>, <c>booking_window_closed</c>, <c>waitlist_closed</c>, <c>already_booked</c>,
    /// <c>already_waiting</c>, <c>seats_available</c> or <c>waitlist_full</c>.
    /// </exception>
    public void EnsureJoinable(Customer customer, DateTimeOffset now, BookingPolicy specialists)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentException.ThrowIfNullOrWhiteSpace(customer.Id);
        EnsureOpenForBooking(now, specialists);
        if (!Policy.Over(specialists).Waitlist)
        {
            throw SlotErrors.WaitlistClosed();
        }

        if (HoldsLiveBooking(customer.Id))
        {
            throw SlotErrors.AlreadyBooked();
        }

        if (_waitlist.Exists(e => e.IsWaiting && e.CustomerId == customer.Id))
        {
            throw SlotErrors.AlreadyWaiting();
        }

        if (SeatsLeft(now) > 0)
        {
            throw SlotErrors.SeatsAvailable();
        }

        if (WaitingCount >= SlotLimits.MaxWaitingPerSlot)
        {
            throw SlotErrors.WaitlistFull();
        }
    }

    /// <summary>Takes the customer out of line; the slot must be loaded with their waiting entry.</summary>
    /// <exception cref="DomainException"><c>waitlist_entry_not_found</c> when the customer is not waiting.</exception>
    public WaitlistEntry LeaveWaitlist(string customerId, DateTimeOffset now)
    {
        var entry = _waitlist.Find(e => e.IsWaiting && e.CustomerId == customerId) ?? throw SlotErrors.NotWaiting(Id, customerId);
        EndWaiting(entry, WaitlistStatus.Left, now);
        Changed(now);
        return entry;
    }

    /// <summary>
    /// Whether a freed seat can go to the waitlist now: someone waits, a seat is free, and the slot could be booked (active,
    /// not started, within its booking notice). When it cannot, the line waits as it is.
    /// </summary>
    public bool CanSeatFromWaitlist(DateTimeOffset now, BookingPolicy specialists)
    {
        ArgumentNullException.ThrowIfNull(specialists);
        return WaitingCount > 0 && SeatsLeft(now) > 0 && ClosedForBooking(now, specialists) is null;
    }

    /// <summary>
    /// Books the waiting <paramref name="entry"/>'s customer into a free seat, as <see cref="Book"/> would, and ends the entry as
    /// <see cref="WaitlistStatus.Booked"/>. When a rule keeps the customer out, the entry is unchanged and the rule's error
    /// thrown: the caller skips the entry (<see cref="SkipWaiting"/>) or stops.
    /// </summary>
    /// <exception cref="DomainException">As <see cref="Book"/>.</exception>
    public Booking BookFromWaitlist(WaitlistEntry entry, DateTimeOffset now, BookingPolicy specialists)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureInLine(entry);
        var booking = Book(entry.Customer, now, specialists);
        EndWaiting(entry, WaitlistStatus.Booked, now, bookingId: booking.Id);
        return booking;
    }

    /// <summary>Takes a waiting entry whose customer may no longer book out of line, saying why (<paramref name="reason"/>, an error code).</summary>
    public void SkipWaiting(WaitlistEntry entry, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureInLine(entry);
        EndWaiting(entry, WaitlistStatus.Skipped, now, skipReason: reason);
        Changed(now);
    }

    /// <summary>Moves the slot to other local times on the same date; the create rules apply to the new times.</summary>
    /// <exception cref="DomainException">When the slot has started or the new times break a time rule.</exception>
    public void ChangeTimes(TimeOnly? start, TimeOnly? end, DateTimeOffset now)
    {
        if (StartsAt <= Instant.From(now))
        {
            throw SlotErrors.InPast();
        }

        var time = SlotTime.Create(Date, start ?? StartTime, end ?? EndTime, Timezone);
        if (time.StartsAt <= Instant.From(now))
        {
            throw SlotErrors.StartNotInFuture();
        }

        var moved = time.StartsAt != StartsAt || time.EndsAt != EndsAt;
        ApplyTime(time);
        if (moved)
        {
            foreach (var booking in _bookings.Where(b => b.IsLive))
            {
                booking.Reschedule(StartsAt);
            }
        }

        Changed(now);
    }

    /// <summary>
    /// Opens the slot for booking again (<see cref="SlotStatus.Active"/>) or hides it from customers, its bookings kept
    /// (<see cref="SlotStatus.Inactive"/>). The status it already has changes nothing, its version included.
    /// </summary>
    public void ChangeStatus(SlotStatus status, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Not a slot status.");
        }

        if (Status == status)
        {
            return;
        }

        Status = status;
        Changed(now);
    }

    /// <summary>
    /// Changes what this slot overrides of its specialist's policy, for bookings made from now on: a booking keeps the
    /// policy it was made under. The same override changes nothing, its version included.
    /// </summary>
    public void ChangePolicy(PolicyOverride policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (Policy == policy)
        {
            return;
        }

        Policy = policy;
        Changed(now);
    }

    /// <summary>Checks that the caller changes the version of the slot they saw (HTTP <c>If-Match</c>).</summary>
    /// <exception cref="DomainException"><c>precondition_failed</c> when the slot has changed since.</exception>
    public void EnsureVersion(IReadOnlyCollection<int>? expected)
    {
        if (expected is not null && !expected.Contains(Version))
        {
            throw SlotErrors.VersionMismatch(Version);
        }
    }

    /// <summary>Checks that the slot may be deleted: nobody holds a live booking.</summary>
    /// <exception cref="DomainException"><c>slot_has_bookings</c>.</exception>
    public void EnsureDeletable()
    {
        if (HasLiveBookings)
        {
            throw SlotErrors.HasBookings();
        }
    }

    /// <summary>The owner as stored: a full identity, its email normalized.</summary>
    private static Specialist Owner(Specialist specialist)
    {
        ArgumentNullException.ThrowIfNull(specialist);
        ArgumentException.ThrowIfNullOrWhiteSpace(specialist.Issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(specialist.Id);
        ArgumentException.ThrowIfNullOrWhiteSpace(specialist.Email);
        return specialist with { Email = EmailAddress.Normalize(specialist.Email) };
    }

    private static void EnsureCapacity(int capacity)
    {
        if (capacity is < SlotLimits.MinCapacity or > SlotLimits.MaxCapacity)
        {
            throw SlotErrors.CapacityOutOfRange(capacity);
        }
    }

    private bool HoldsLiveBooking(string customerId) => _bookings.Exists(b => b.IsLive && b.CustomerId == customerId);

    /// <summary>
    /// The hold a booking of the customer uses: the one <paramref name="holdId"/> names, which must be theirs and live; without
    /// one, their live hold of a seat here, if any.
    /// </summary>
    private SeatHold? HoldOf(string customerId, DateTimeOffset now, Guid? holdId)
    {
        var at = Instant.From(now);
        if (holdId is not { } id)
        {
            return _holds.Find(h => h.CustomerId == customerId && h.IsLiveAt(at));
        }

        var hold = _holds.Find(h => h.Id == id && h.CustomerId == customerId) ?? throw SlotErrors.HoldNotFound(Id, id);
        EnsureLive(hold, at);
        return hold;
    }

    private static void EnsureLive(SeatHold hold, DateTime now)
    {
        switch (hold.Status)
        {
            case HoldStatus.Booked:
                throw SlotErrors.HoldBooked();
            case HoldStatus.Released:
                throw SlotErrors.HoldReleased();
            case HoldStatus.Expired:
            case HoldStatus.Live when hold.HasLapsedBy(now):
                throw SlotErrors.HoldExpired(hold.ExpiresAt);
        }
    }

    /// <summary>The hold, if any, became <paramref name="booking"/>: its seat is the booking's now.</summary>
    private void UseHold(SeatHold? hold, Booking booking, DateTimeOffset now)
    {
        if (hold is not null)
        {
            EndHold(hold, HoldStatus.Booked, Instant.From(now), booking.Id);
        }
    }

    /// <summary>The hold ends and keeps no seat any more: the hold and the count move together.</summary>
    private void EndHold(SeatHold hold, HoldStatus status, DateTime at, Guid? bookingId = null)
    {
        hold.End(status, at, bookingId);
        HeldCount--;
    }

    /// <summary>Gives the customer (email normalized, name trimmed) a seat: the booking and the count move together.</summary>
    private Booking Seat(Customer customer, DateTime bookedAt, BookingPolicy policy)
    {
        var booking = new Booking(Id, Normalized(customer), bookedAt, policy, StartsAt);
        _bookings.Add(booking);
        BookedCount++;
        return booking;
    }

    private static Customer Normalized(Customer customer) =>
        customer with { Email = EmailAddress.Normalize(customer.Email), Name = customer.Name.Trim() };

    private void EnsureInLine(WaitlistEntry entry)
    {
        if (!entry.IsWaiting || entry.SlotId != Id || !_waitlist.Contains(entry))
        {
            throw new InvalidOperationException("Only a waiting entry of this slot, loaded with it, takes a seat or is skipped.");
        }
    }

    /// <summary>The entry stops waiting, and the line is one shorter: the entry and the count move together.</summary>
    private void EndWaiting(WaitlistEntry entry, WaitlistStatus status, DateTimeOffset now, Guid? bookingId = null, string? skipReason = null)
    {
        entry.End(status, Instant.From(now), bookingId, skipReason);
        WaitingCount--;
    }

    private void Changed(DateTimeOffset now)
    {
        UpdatedAt = Instant.From(now);
        Version++;
    }

    private void ApplyTime(SlotTime time)
    {
        StartTime = time.StartTime;
        EndTime = time.EndTime;
        StartsAt = time.StartsAt;
        EndsAt = time.EndsAt;
        DurationMinutes = time.DurationMinutes;
    }
}
