using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.StreamAvailableSlots;

/// <summary>What a client asks a seat stream for: a specialist's handle, and where its last stream stopped, if anywhere.</summary>
public sealed record SeatStreamRequest(string SpecialistEmail, string? LastEventId);

/// <summary>The handle as the view's (<see cref="ListAvailableSlots.ListAvailableSlotsValidator"/>); any <c>Last-Event-ID</c> goes, one it cannot resume from answers <c>reset</c>.</summary>
public sealed class SeatStreamRequestValidator : AbstractValidator<SeatStreamRequest>
{
    public SeatStreamRequestValidator() => RuleFor(r => r.SpecialistEmail).ValidEmail();
}
