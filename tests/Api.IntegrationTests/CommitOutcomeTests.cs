using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots.BookSlot;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Notifications;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A connection that drops around COMMIT, on the real database: the command is retried when the commit
/// did not happen and answered from its first attempt when it did, so a booking is never doubled and a
/// booking that succeeded is never reported as <c>already_booked</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public class CommitOutcomeTests(SlotsApiFactory factory) : ApiTestBase(factory)
{

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_booking_survives_a_connection_lost_around_commit(bool commitReachedTheServer)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 3)); // both reminders ahead
        var fault = new ConnectionLostOnce(afterCommit: commitReachedTheServer);
        await using var db = Factory.NewDbContext(o => o.EnableRetryOnFailure(3, TimeSpan.FromMilliseconds(50), null), fault);
        var handler = BookingHandlerOver(db);

        var confirmation = await new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            ct => handler.Handle(new BookSlotCommand(slot, "unlucky", "unlucky@x.io", "Unlucky"), ct).AsTask(),
            default);

        Assert.True(fault.Fired);
        Assert.Equal("unlucky", confirmation.CustomerId);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", slot));
        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        var bookedAt = await Factory.ScalarAsync<DateTime>("SELECT booked_at FROM bookings WHERE slot_id = $1", slot);
        Assert.Equal(bookedAt, confirmation.BookedAt);
        // Its reminders, written with it, once whether its attempt was replayed or not.
        Assert.Equal(2L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications n JOIN bookings b ON b.id = n.booking_id WHERE b.slot_id = $1 AND n.kind = 'reminder'", slot));
    }

    /// <summary>
    /// A transaction whose COMMIT is still on its way reads "in progress"; the outcome is waited for, never taken
    /// for "not committed" (which would replay a command that then commits too).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_transaction_still_in_progress_is_waited_for(bool commits)
    {
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        var transaction = await other.BeginTransactionAsync();
        var id = (long)(await new NpgsqlCommand("SELECT txid_current()", other, transaction).ExecuteScalarAsync())!;
        await using var db = Factory.NewDbContext();

        var asked = UnitOfWork.CommittedAsync(db, id, default);
        await Task.Delay(300);
        Assert.False(asked.IsCompleted);
        await (commits ? transaction.CommitAsync() : transaction.RollbackAsync());

        Assert.Equal(commits, await asked.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Waiting_for_a_transaction_in_progress_ends_with_the_budget()
    {
        await using var other = new NpgsqlConnection(Factory.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        var id = (long)(await new NpgsqlCommand("SELECT txid_current()", other, transaction).ExecuteScalarAsync())!;
        await using var db = Factory.NewDbContext();
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UnitOfWork.CommittedAsync(db, id, budget.Token));
    }

    /// <summary>
    /// Throws a transient Npgsql error once around the batch that carries the changes and COMMIT: just before
    /// it is sent, or once the server has answered all of it (COMMIT included).
    /// </summary>
    private sealed class ConnectionLostOnce(bool afterCommit) : DbCommandInterceptor
    {
        private int _fired;

        public bool Fired => _fired == 1;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            !afterCommit && Fires(command) ? throw Lost() : ValueTask.FromResult(result);

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (afterCommit && Fires(command))
            {
                while (await result.NextResultAsync(cancellationToken))
                {
                }

                throw Lost();
            }

            return result;
        }

        private bool Fires(DbCommand command) =>
            command.CommandText.EndsWith("COMMIT;", StringComparison.Ordinal) && Interlocked.Exchange(ref _fired, 1) == 0;

        private static NpgsqlException Lost() =>
            new("Simulated: the connection was lost during COMMIT.", new IOException("Connection reset by peer"));
    }
}
