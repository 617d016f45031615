using FluentValidation;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies;

/// <summary>A policy's notices within 0 minutes and a year; a known reason rule (the JSON reader refuses others first).</summary>
public sealed class PolicyInputValidator : AbstractValidator<PolicyInput>
{
    public PolicyInputValidator()
    {
        RuleFor(p => p.BookingNoticeMinutes).InclusiveBetween(0, SlotLimits.MaxNoticeMinutes);
        RuleFor(p => p.CancelNoticeMinutes).InclusiveBetween(0, SlotLimits.MaxNoticeMinutes);
        RuleFor(p => p.RescheduleNoticeMinutes).InclusiveBetween(0, SlotLimits.MaxNoticeMinutes);
        RuleFor(p => p.CancellationReason).IsInEnum();
    }
}
