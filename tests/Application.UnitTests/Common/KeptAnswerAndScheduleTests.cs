using System.Text.Json;
using NSubstitute;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Json;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Common;

/// <summary>An idempotency key's kept answer, the busy schedule a batch of slots is checked against, and the wire's JSON rules.</summary>
public class KeptAnswerAndScheduleTests
{
    private static readonly ICurrentUser Cara = User("cara", "cara@x.io", Role.Customer);

    private readonly IIdempotencyStore _store = Substitute.For<IIdempotencyStore>();

    private static BookingConfirmation Confirmation()
    {
        var slot = Slot();
        return BookingConfirmation.Of(slot.Book(new Customer("cara", "cara@x.io", "Cara"), Now, BookingPolicy.Default), slot);
    }

    [Fact]
    public async Task A_first_request_keeps_its_answer_under_the_callers_key_and_a_repeat_gets_it_back_replayed()
    {
        var command = new BookSlotCommand(Guid.NewGuid()) { IdempotencyKey = "k-1" };
        var behavior = new IdempotencyBehavior<BookSlotCommand, BookingConfirmation>(_store, Cara, Clock());
        var answer = Confirmation();
        StoredAnswer? kept = null;
        _store.When(s => s.Save($"{Issuer}|cara", Arg.Any<string>(), "k-1", Arg.Any<StoredAnswer>(), Now.UtcDateTime))
            .Do(call => kept = call.ArgAt<StoredAnswer>(3));

        var first = await behavior.Handle(command, (_, _) => ValueTask.FromResult(answer), default);
        _store.LockAndFindAsync($"{Issuer}|cara", Arg.Any<string>(), "k-1", Now.UtcDateTime, Arg.Any<CancellationToken>()).Returns(kept);
        var again = await behavior.Handle(command, (_, _) => throw new InvalidOperationException("ran twice"), default);

        Assert.Same(answer, first);
        Assert.NotNull(kept);
        Assert.Equal((answer.BookingId, true), (again.BookingId, again.Replayed));
        _store.ReceivedWithAnyArgs(1).Save(default!, default!, default!, default!, default);
    }

    [Fact]
    public async Task A_key_kept_for_another_request_is_refused_without_running_it()
    {
        var behavior = new IdempotencyBehavior<BookSlotCommand, BookingConfirmation>(_store, Cara, Clock());
        var other = SHA256Of(new BookSlotCommand(Guid.NewGuid()));
        _store.LockAndFindAsync(default!, default!, default!, default, default).ReturnsForAnyArgs(new StoredAnswer(other, "{}"));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => behavior.Handle(
            new BookSlotCommand(Guid.NewGuid()) { IdempotencyKey = "k-1" }, (_, _) => throw new InvalidOperationException("ran"), default).AsTask());
    }

    private static byte[] SHA256Of(BookSlotCommand command) =>
        System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, WireJson.Options));

    [Fact]
    public void A_schedule_given_out_of_order_still_finds_every_overlap_and_keeps_what_it_reserved()
    {
        var at = (int hour) => new DateTime(2030, 1, 16, hour, 0, 0, DateTimeKind.Utc);
        var busy = new BusySchedule([new BusyTime(at(14), at(15)), new BusyTime(at(9), at(10))]);

        Assert.False(busy.TryReserve(at(9), at(10)));
        Assert.False(busy.TryReserve(at(14), at(15)));
        Assert.True(busy.TryReserve(at(10), at(14)));
        Assert.False(busy.TryReserve(at(11), at(12)));
        Assert.True(busy.TryReserve(at(8), at(9)));
        Assert.True(busy.TryReserve(at(15), at(16)));
    }

    [Fact]
    public void The_wire_reads_enums_by_name_only()
    {
        Assert.Equal(SlotStatus.Inactive, JsonSerializer.Deserialize<SlotStatus>("\"inactive\"", WireJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<SlotStatus>("1", WireJson.Options));
        Assert.Throws<ArgumentNullException>(() => WireJson.Configure(null!));
    }
}
