using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Webhooks.ListDeliveries;

public sealed class ListDeliveriesValidator : AbstractValidator<ListDeliveriesQuery>
{
    /// <summary>The statuses by their names on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, DeliveryStatus> Statuses = WireNames<DeliveryStatus>.ByName;

    public ListDeliveriesValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.ContainsKey(s))
            .WithMessage($"'status' must be one of {string.Join(", ", Statuses.Keys)}.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || DeliveryCursor.TryDecode(c, out _)).WithMessage("'cursor' is not a valid cursor.");
    }
}
