using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Notifications.ListNotifications;

public sealed class ListNotificationsValidator : AbstractValidator<ListNotificationsQuery>
{
    /// <summary>The statuses by their names on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, NotificationStatus> Statuses = WireNames<NotificationStatus>.ByName;

    public ListNotificationsValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.ContainsKey(s))
            .WithMessage($"'status' must be one of {string.Join(", ", Statuses.Keys)}.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.TryDecodeCursor(c, out _, out _)).WithMessage("'cursor' is not a valid cursor.");
    }
}
