using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Slots.Application.Calendars;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Calendars;

/// <summary>The feeds (<see cref="CalendarFeedRow"/>) and what they show: read straight from the slots and bookings.</summary>
internal sealed class CalendarFeeds(SlotsDbContext db, IDataProtectionProvider protection, ICalendarWriter writer) : ICalendarFeeds
{
    private readonly IDataProtector _protector = protection.CreateProtector("Slots.Calendars.FeedToken");

    public async Task<CalendarFeed?> FindAsync(CalendarOwner owner, CancellationToken cancellationToken)
    {
        var row = await db.Set<CalendarFeedRow>().AsNoTracking()
            .SingleOrDefaultAsync(f => f.Kind == owner.Kind && f.Issuer == owner.Issuer && f.Subject == owner.Subject, cancellationToken);
        return row is null ? null : new CalendarFeed(row.Kind, _protector.Unprotect(row.SealedToken), row.IssuedAt);
    }

    public async Task<CalendarFeed> IssueAsync(CalendarOwner owner, DateTime now, CancellationToken cancellationToken)
    {
        var token = CalendarFeedToken.New();
        var (hash, sealedToken) = (CalendarFeedToken.Hash(token), _protector.Protect(token));
        // One statement whether the feed exists or not, so two first issues at once cannot both insert.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO calendar_feeds (kind, issuer, subject, token_hash, sealed_token, issued_at)
            VALUES ({ColumnTexts.CalendarKinds.Text(owner.Kind)}, {owner.Issuer}, {owner.Subject}, {hash}, {sealedToken}, {now})
            ON CONFLICT (kind, issuer, subject)
            DO UPDATE SET token_hash = excluded.token_hash, sealed_token = excluded.sealed_token, issued_at = excluded.issued_at
            """,
            cancellationToken);
        return new CalendarFeed(owner.Kind, token, now);
    }

    public async Task<bool> DeleteAsync(CalendarOwner owner, CancellationToken cancellationToken) =>
        await db.Set<CalendarFeedRow>()
            .Where(f => f.Kind == owner.Kind && f.Issuer == owner.Issuer && f.Subject == owner.Subject)
            .ExecuteDeleteAsync(cancellationToken) > 0;

    public async Task<CalendarOwner?> OwnerOfAsync(string token, CancellationToken cancellationToken)
    {
        var hash = CalendarFeedToken.Hash(token);
        var row = await db.Set<CalendarFeedRow>().AsNoTracking().SingleOrDefaultAsync(f => f.TokenHash == hash, cancellationToken);
        return row is null ? null : new CalendarOwner(row.Kind, row.Issuer, row.Subject);
    }

    public async Task<IReadOnlyList<CalendarSession>> SessionsAsync(CalendarOwner owner, DateTime from, CancellationToken cancellationToken) =>
        owner.Kind == CalendarKind.Specialist
            ? await SlotsOfAsync(owner, from, cancellationToken)
            : await BookingsOfAsync(s => s.EndsAt > from, owner.Subject, ICalendarFeeds.MaxSessions, cancellationToken);

    public async Task<CalendarSession?> BookingAsync(Guid slotId, string customerId, CancellationToken cancellationToken) =>
        (await BookingsOfAsync(s => s.Id == slotId, customerId, 1, cancellationToken)).SingleOrDefault();

    /// <summary>The specialist's slots: one event each, its revision the slot's version, who booked it its attendees.</summary>
    private async Task<IReadOnlyList<CalendarSession>> SlotsOfAsync(CalendarOwner owner, DateTime from, CancellationToken cancellationToken)
    {
        var slots = await db.Slots.AsNoTracking()
            .Where(s => s.SpecialistIssuer == owner.Issuer && s.SpecialistId == owner.Subject && s.EndsAt > from)
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Take(ICalendarFeeds.MaxSessions)
            .Select(s => new
            {
                s.Id, s.Version, s.StartsAt, s.EndsAt, s.UpdatedAt, s.SpecialistEmail, s.ServiceId, s.Status, s.BookedCount,
                s.TotalCapacity, s.Date, s.StartTime, s.EndTime, s.Timezone,
                Booked = s.Bookings.Where(b => b.CancelledAt == null).OrderBy(b => b.BookedAt)
                    .Select(b => new CalendarAttendee(b.CustomerEmail, b.CustomerName)).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return [.. slots.Select(s => new CalendarSession(
            writer.SlotUid(s.Id), s.Version, s.StartsAt, s.EndsAt, s.UpdatedAt,
            s.Booked switch
            {
                [] => $"Open slot ({s.TotalCapacity} {(s.TotalCapacity == 1 ? "seat" : "seats")})",
                [var one] when s.TotalCapacity == 1 => $"Consulting session with {one.Name}",
                _ => $"Consulting session: {s.BookedCount} of {s.TotalCapacity} booked",
            },
            Lines(
                $"{s.Date:yyyy-MM-dd} {s.StartTime:HH\\:mm}–{s.EndTime:HH\\:mm} ({s.Timezone})",
                s.ServiceId is null ? null : $"Service: {s.ServiceId}",
                s.Status == SlotStatus.Inactive ? "Closed for booking." : null,
                s.Booked.Count == 0 ? null : "Booked by: " + string.Join(", ", s.Booked.Select(b => $"{b.Name} <{b.Email}>"))),
            s.SpecialistEmail, s.Booked, Tentative: s.Booked.Count == 0))];
    }

    /// <summary>A customer's live bookings as their invites show them: the booking's UID and revision.</summary>
    private async Task<IReadOnlyList<CalendarSession>> BookingsOfAsync(
        System.Linq.Expressions.Expression<Func<Slot, bool>> which, string customerId, int max, CancellationToken cancellationToken)
    {
        var bookings = await db.Slots.AsNoTracking()
            .Where(which)
            .Where(s => s.Bookings.Any(b => b.CustomerId == customerId && b.CancelledAt == null))
            .OrderBy(s => s.StartsAt).ThenBy(s => s.Id)
            .Take(max)
            .Select(s => new
            {
                s.StartsAt, s.EndsAt, s.UpdatedAt, s.SpecialistEmail, s.ServiceId, s.Date, s.StartTime, s.EndTime, s.Timezone,
                Booking = s.Bookings.First(b => b.CustomerId == customerId && b.CancelledAt == null),
            })
            .ToListAsync(cancellationToken);
        return [.. bookings.Select(x => new CalendarSession(
            writer.BookingUid(x.Booking.Id), x.Booking.Sequence, x.StartsAt, x.EndsAt,
            x.UpdatedAt > x.Booking.BookedAt ? x.UpdatedAt : x.Booking.BookedAt,
            $"Consulting session with {x.SpecialistEmail}",
            Lines(
                $"{x.Date:yyyy-MM-dd} {x.StartTime:HH\\:mm}–{x.EndTime:HH\\:mm} ({x.Timezone})",
                x.ServiceId is null ? null : $"Service: {x.ServiceId}",
                $"Cancel until {x.Booking.CancellableUntil:yyyy-MM-dd HH:mm} UTC",
                $"Reference: {x.Booking.Id}"),
            x.SpecialistEmail, [new CalendarAttendee(x.Booking.CustomerEmail, x.Booking.CustomerName)]))];
    }

    private static string Lines(params string?[] lines) => string.Join("\n", lines.Where(l => l is not null));
}
