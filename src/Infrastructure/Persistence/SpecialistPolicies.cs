using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>The specialists' policies, in their handle's row (<see cref="SpecialistHandle"/>).</summary>
internal sealed class SpecialistPolicies(SlotsDbContext db) : ISpecialistPolicies
{
    private const string FindSql = """
        SELECT booking_notice_minutes AS "BookingNoticeMinutes", cancel_notice_minutes AS "CancelNoticeMinutes",
               cancellation_reason AS "CancellationReason", reschedule_notice_minutes AS "RescheduleNoticeMinutes",
               waitlist AS "Waitlist"
        FROM specialists WHERE email = @email
        """;

    private const string SaveSql = """
        UPDATE specialists SET booking_notice_minutes = @booking, cancel_notice_minutes = @cancel, cancellation_reason = @reason,
                               reschedule_notice_minutes = @reschedule, waitlist = @waitlist
        WHERE email = @email
        """;

    public async Task<BookingPolicy?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<PolicyRow>(FindSql, new NpgsqlParameter<string>("email", email))
            .ToListAsync(cancellationToken);
        return rows is [var row] ? row.ToPolicy() : null;
    }

    public async Task<bool> SaveAsync(string email, BookingPolicy policy, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(
            SaveSql,
            [
                new NpgsqlParameter<string>("email", email),
                new NpgsqlParameter<int>("booking", policy.BookingNoticeMinutes),
                new NpgsqlParameter<int>("cancel", policy.CancelNoticeMinutes),
                new NpgsqlParameter<string>("reason", ColumnTexts.ReasonRules.Text(policy.CancellationReason)),
                SqlParameters.NullableInt("reschedule", policy.RescheduleNoticeMinutes),
                new NpgsqlParameter<bool>("waitlist", policy.Waitlist),
            ],
            cancellationToken) == 1;

    /// <summary>A policy's columns as stored; the repository reads the same ones for a booking.</summary>
    internal sealed record PolicyRow(int BookingNoticeMinutes, int CancelNoticeMinutes, string CancellationReason, int? RescheduleNoticeMinutes, bool Waitlist)
    {
        public BookingPolicy ToPolicy() =>
            new(BookingNoticeMinutes, CancelNoticeMinutes, ColumnTexts.ReasonRules.Parse(CancellationReason), RescheduleNoticeMinutes, Waitlist);
    }
}
