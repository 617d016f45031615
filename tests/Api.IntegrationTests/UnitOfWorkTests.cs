using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The unit of work sends COMMIT with the changes when they fit one batch, and commits on its own otherwise;
/// either way all of a command's changes are stored, or none.
/// </summary>
[Collection(ApiCollection.Name)]
public class UnitOfWorkTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_new_slot_booked_in_the_same_command_is_stored_with_its_booking()
    {
        // Dependent inserts: the booking's row needs the slot's row first.
        await using var db = Factory.NewDbContext();
        var slot = await BookNewSlotAsync(db);

        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot.Id));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", slot.Id));
    }

    [Fact]
    public async Task A_command_compares_its_tracked_entities_with_their_snapshots_once()
    {
        // Counting the changes (for COMMIT in their batch) and saving them each compared every tracked entity again.
        await using var db = Factory.NewDbContext();
        var comparisons = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => comparisons++;
        var slot = await BookNewSlotAsync(db);

        Assert.Equal(1, comparisons);
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot.Id));
    }

    [Fact]
    public async Task Many_changes_in_one_command_are_stored_together()
    {
        var specialist = NewSpecialist();
        await using var db = Factory.NewDbContext();
        await new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            _ =>
            {
                var repository = new SlotRepository(db);
                for (var hour = 0; hour < 24; hour++)
                {
                    repository.Add(NewSlot(specialist, hour));
                }

                return Task.FromResult(0);
            },
            default);

        Assert.Equal(24L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
    }

    [Fact]
    public async Task A_change_the_database_refuses_leaves_nothing_of_the_command()
    {
        // The second slot overlaps the first: the exclusion constraint fails the batch, and COMMIT with it.
        var specialist = NewSpecialist();
        await using var db = Factory.NewDbContext();
        var refused = await Record.ExceptionAsync(() => new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            _ =>
            {
                var repository = new SlotRepository(db);
                repository.Add(NewSlot(specialist, hour: 9));
                repository.Add(NewSlot(specialist, hour: 9));
                return Task.FromResult(0);
            },
            default));

        Assert.NotNull(refused);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
    }

    /// <summary>One command: a new slot, and a booking of it.</summary>
    private Task<Slot> BookNewSlotAsync(SlotsDbContext db)
    {
        var specialist = NewSpecialist();
        return new UnitOfWork(db, new DatabaseCircuit()).ExecuteAsync(
            _ =>
            {
                var slot = NewSlot(specialist, hour: 9);
                new SlotRepository(db).Add(slot);
                slot.Book(new Customer("first", "first@x.io", "First"), Factory.Clock.GetUtcNow(), BookingPolicy.Default);
                return Task.FromResult(slot);
            },
            default);
    }

    private Slot NewSlot(string specialist, int hour)
    {
        var now = Factory.Clock.GetUtcNow();
        var date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(3);
        return Slot.Create(new Specialist(SlotsApiFactory.Issuer, $"sub-{specialist}", specialist), null, SlotTime.Create(date, new TimeOnly(hour, 0), new TimeOnly(hour, 30), "UTC"), 5, now);
    }
}
