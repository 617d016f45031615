using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>The version (the slot's ETag): one more with every change the specialist's view can show.</summary>
public class SlotVersionTests
{
    [Fact]
    public void Every_change_counts_and_a_status_set_to_what_it_was_does_not()
    {
        var now = Now;
        var slot = Tomorrow(capacity: 2);
        var seen = new List<int> { slot.Version };

        slot.Book(Customer(1), now, BookingPolicy.Default);
        seen.Add(slot.Version);
        slot.CancelBooking("cust-1", now, CancelledBy.Customer, null);
        seen.Add(slot.Version);
        slot.ChangeTimes(new TimeOnly(9, 0), null, now);
        seen.Add(slot.Version);
        slot.ChangeStatus(SlotStatus.Inactive, now);
        seen.Add(slot.Version);
        slot.ChangeStatus(SlotStatus.Inactive, now);
        seen.Add(slot.Version);

        Assert.Equal([1, 2, 3, 4, 5, 5], seen);
    }

    [Fact]
    public void A_change_refused_leaves_the_version_alone()
    {
        var slot = Tomorrow(capacity: 1);
        slot.Book(Customer(1), Now, BookingPolicy.Default);

        Assert.Throws<DomainException>(() => slot.Book(Customer(2), Now, BookingPolicy.Default));

        Assert.Equal(2, slot.Version);
    }

    [Theory]
    [InlineData(new[] { 2 }, false)]
    [InlineData(new[] { 1, 2 }, false)]
    [InlineData(new[] { 1 }, true)]
    [InlineData(new int[0], true)]
    public void EnsureVersion_accepts_only_the_current_version(int[] expected, bool refused)
    {
        var slot = Tomorrow();
        slot.ChangeStatus(SlotStatus.Inactive, Now);

        var error = Record.Exception(() => slot.EnsureVersion(expected));

        Assert.Equal(refused, error is DomainException { Code: "precondition_failed", Kind: DomainErrorKind.PreconditionFailed });
        Assert.Equal(refused, error is not null);
    }

    [Fact]
    public void No_condition_is_no_check() => Tomorrow().EnsureVersion(null);
}
