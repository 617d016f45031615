using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Application.Slots.ExpireHolds;
using Slots.Application.Slots.PlaceHold;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Every <see cref="HoldSettings.SweepInterval"/>, ends the seat holds past their time, slot by slot (<see cref="HoldExpiry"/>:
/// each in its own transaction under the slot's row lock, with <c>slots.hold.expired</c> and the freed seats given to the
/// waitlist). Nothing waits for it to be right: a hold past its time keeps no seat anyway; the sweep sends the events, fills
/// the waitlists and keeps <c>held_count</c> near the live holds. Two processes sweeping at once end each hold once: the
/// second finds it ended under the lock.
/// </summary>
internal sealed class HoldSweeper(IServiceScopeFactory scopes, HoldSettings settings, TimeProvider clock, ILogger<HoldSweeper> logger)
    : PeriodicSweep(clock, logger)
{
    /// <summary>Slots swept per query; the sweep queries again until fewer come back.</summary>
    public const int Batch = 100;

    private static readonly string LapsedSlotsSql = $"""
        SELECT DISTINCT slot_id AS "Value" FROM seat_holds
        WHERE status = {ColumnTexts.HoldStatuses.Sql(HoldStatus.Live)} AND expires_at <= @now
        LIMIT {Batch}
        """;

    protected override TimeSpan Period => settings.SweepInterval;

    protected override string Swept => "seat holds past their time";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var ended = 0;
        List<Guid> slots;
        do
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                slots = await scope.ServiceProvider.GetRequiredService<SlotsDbContext>().Database
                    .SqlQueryRaw<Guid>(LapsedSlotsSql, new NpgsqlParameter<DateTime>("now", Clock.GetUtcNow().UtcDateTime))
                    .ToListAsync(cancellationToken);
            }

            foreach (var slot in slots)
            {
                // A scope per slot: each is its own command, with its own change tracker and outbox.
                await using var scope = scopes.CreateAsyncScope();
                ended += await scope.ServiceProvider.GetRequiredService<HoldExpiry>().ExpireAsync(slot, cancellationToken);
            }
        }
        while (slots.Count == Batch);

        return ended;
    }
}
