using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Slots.Application.Common;
using Slots.Application.Common.Json;
using Slots.Application.Specialists;
using Slots.Application.Specialists.FindSpecialists;
using Slots.Domain.Slots;
using static Slots.Infrastructure.Persistence.SqlParameters;

namespace Slots.Infrastructure.Persistence;

/// <summary>The specialists' profiles, in their handle's row (<see cref="SpecialistHandle"/>), and the directory.</summary>
internal sealed class SpecialistProfiles(SlotsDbContext db) : ISpecialistProfiles
{
    private const string FindSql = """
        SELECT email AS "Email", display_name AS "DisplayName", introduction AS "Introduction", timezone AS "Timezone",
               services::text AS "Services"
        FROM specialists WHERE email = @email
        """;

    private const string SaveSql = """
        UPDATE specialists SET display_name = @name, introduction = @introduction, timezone = @timezone, services = @services::jsonb
        WHERE email = @email
        """;

    /// <summary>
    /// The directory's page: profiles (a display name saved), filtered by service and text, each with the start of the
    /// owner's next bookable slot (of that service or of none, when filtered), those with one first, then by name and
    /// address after the cursor. Every profile is read and each next slot looked up through the slots' index: a directory
    /// of thousands, not millions.
    /// </summary>
    private static readonly string DirectorySql = $"""
        SELECT p.email AS "Email", p.display_name AS "DisplayName", lower(p.display_name) AS "SortName",
               p.introduction AS "Introduction", p.timezone AS "Timezone", p.services::text AS "Services", n.next_open_at AS "NextOpenAt"
        FROM specialists p
        LEFT JOIN LATERAL (
            SELECT min(s.starts_at) AS next_open_at FROM slots s
            WHERE s.specialist_email = p.email AND s.specialist_issuer = p.issuer AND s.specialist_id = p.subject
              AND s.status = {ColumnTexts.SlotStatuses.Sql(SlotStatus.Active)} AND s.starts_at > @now
              AND s.booked_count + {AvailableSlotsStatement.LiveHolds("@now")} < s.total_capacity
              AND (@service IS NULL OR s.service_id = @service OR s.service_id IS NULL)) n ON true
        WHERE p.display_name IS NOT NULL
          AND (@service IS NULL OR p.services @> jsonb_build_array(jsonb_build_object('id', @service)))
          AND (@pattern IS NULL OR p.display_name ILIKE @pattern OR p.introduction ILIKE @pattern OR p.email ILIKE @pattern
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.services) e WHERE e ->> 'title' ILIKE @pattern))
          AND (@after_email IS NULL OR (n.next_open_at IS NULL, lower(p.display_name), p.email) > (@after_closed, @after_name, @after_email))
        ORDER BY n.next_open_at IS NULL, lower(p.display_name), p.email
        LIMIT @limit
        """;

    public async Task<SpecialistProfile?> FindAsync(string email, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<ProfileRow>(FindSql, new NpgsqlParameter<string>("email", email))
            .ToListAsync(cancellationToken);
        return rows is [var row] ? new SpecialistProfile(row.Email, row.DisplayName, row.Introduction, row.Timezone, Services(row.Services)) : null;
    }

    public async Task<bool> SaveAsync(SpecialistProfile profile, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(
            SaveSql,
            [
                new NpgsqlParameter<string>("email", profile.Email),
                NullableText("name", profile.DisplayName),
                NullableText("introduction", profile.Introduction),
                NullableText("timezone", profile.Timezone),
                new NpgsqlParameter<string>("services", JsonSerializer.Serialize(profile.Services, WireJson.Options)),
            ],
            cancellationToken) == 1;

    public async Task<Page<SpecialistListing>> DirectoryAsync(FindSpecialistsQuery query, int limit, DateTime now, CancellationToken cancellationToken)
    {
        var after = DirectoryCursor.TryDecode(query.Cursor, out var cursor) ? cursor : null;
        var rows = await db.Database.SqlQueryRaw<ListingRow>(
            DirectorySql,
            new NpgsqlParameter<DateTime>("now", now) { NpgsqlDbType = NpgsqlDbType.TimestampTz },
            NullableText("service", query.ServiceId),
            NullableText("pattern", query.Q is null ? null : "%" + Like(query.Q) + "%"),
            new NpgsqlParameter<bool>("after_closed", after is { Open: false }),
            NullableText("after_name", after?.Name),
            NullableText("after_email", after?.Email),
            new NpgsqlParameter<int>("limit", limit + 1)).ToListAsync(cancellationToken);
        var items = rows.Take(limit)
            .Select(r => new SpecialistListing(r.Email, r.DisplayName, r.Introduction, r.Timezone, Services(r.Services), r.NextOpenAt))
            .ToList();
        return new Page<SpecialistListing>(
            items, rows.Count > limit ? new DirectoryCursor(rows[limit - 1].NextOpenAt is not null, rows[limit - 1].SortName, rows[limit - 1].Email).Encode() : null);
    }

    /// <summary>The text matched literally by ILIKE: its wildcards and escape character escaped.</summary>
    private static string Like(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static List<ServiceOffer> Services(string json) => JsonSerializer.Deserialize<List<ServiceOffer>>(json, WireJson.Options) ?? [];

    private sealed record ProfileRow(string Email, string? DisplayName, string? Introduction, string? Timezone, string Services);

    private sealed record ListingRow(
        string Email, string DisplayName, string SortName, string? Introduction, string? Timezone, string Services, DateTime? NextOpenAt);
}
