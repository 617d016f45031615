using Slots.Application.Common.Waits;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Application.UnitTests.Common;

public class BookingGroupsTests
{
    private static readonly Guid Slot = Guid.NewGuid();

    [Fact]
    public void The_first_booking_leads_the_later_ones_join_and_a_closed_group_takes_nobody_more()
    {
        var groups = new BookingGroups(WaitLimits.Default);
        var (first, second, third) = (Member("a"), Member("b"), Member("c"));

        var (group, leads) = groups.Join(first);
        var (joined, secondLeads) = groups.Join(second);
        Assert.True(leads);
        Assert.False(secondLeads);
        Assert.Same(group, joined);
        Assert.Equal(2, groups.Forming(Slot));

        Assert.Equal([first, second], groups.Close(group));
        Assert.Equal(0, groups.Forming(Slot));
        var (next, thirdLeads) = groups.Join(third);
        Assert.True(thirdLeads);
        Assert.NotSame(group, next);
        Assert.Equal([first, second], groups.Close(group));
    }

    [Fact]
    public void A_full_group_leaves_the_next_booking_to_open_another()
    {
        var groups = new BookingGroups(WaitLimits.Default with { BookingGroupSize = 2 });
        var (full, _) = groups.Join(Member("a"));
        groups.Join(Member("b"));

        var (next, leads) = groups.Join(Member("c"));

        Assert.True(leads);
        Assert.NotSame(full, next);
        Assert.Equal(2, groups.Close(full).Count);
        Assert.Equal(1, groups.Forming(Slot));
    }

    [Fact]
    public void A_booking_leaves_a_forming_group_but_not_one_that_runs()
    {
        var groups = new BookingGroups(WaitLimits.Default);
        var (leader, givesUp, stays) = (Member("a"), Member("b"), Member("c"));
        var (group, _) = groups.Join(leader);
        groups.Join(givesUp);
        groups.Join(stays);

        Assert.True(groups.Withdraw(group, givesUp));
        Assert.Equal([leader, stays], groups.Close(group));
        Assert.False(groups.Withdraw(group, stays));
        Assert.Equal([leader, stays], groups.Close(group));
    }

    [Fact]
    public void Each_slot_has_its_own_group()
    {
        var groups = new BookingGroups(WaitLimits.Default);
        groups.Join(Member("a"));

        var (_, leads) = groups.Join(Member("b", Guid.NewGuid()));

        Assert.True(leads);
        Assert.Equal(1, groups.Forming(Slot));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(WaitLimits.MaxBookingGroupSize + 1)]
    [InlineData(int.MinValue)]
    public void A_group_size_out_of_range_is_refused(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitLimits(TimeSpan.FromSeconds(2), 256, size));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaitLimits.Default with { BookingGroupSize = size });
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(WaitLimits.MaxBookingGroupSize, true)]
    public void Groups_of_one_are_no_groups(int size, bool enabled) =>
        Assert.Equal(enabled, new BookingGroups(WaitLimits.Default with { BookingGroupSize = size }).Enabled);

    private static BookingGroupMember Member(string customer, Guid? slot = null) =>
        new(new BookSlotCommand(slot ?? Slot, customer), new Customer(customer, $"{customer}@x.io", customer), "issuer|admin");
}
