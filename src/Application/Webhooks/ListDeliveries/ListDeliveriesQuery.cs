using System.Buffers.Text;
using System.Text;
using FluentValidation;
using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Common.Webhooks;

namespace Slots.Application.Webhooks.ListDeliveries;

/// <summary>A subscription's deliveries, newest first, only those in <see cref="Status"/> when given.</summary>
public sealed record ListDeliveriesQuery(Guid WebhookId, string? Status, int? Limit, string? Cursor)
    : IQuery<Page<WebhookDeliveryResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}

public sealed class ListDeliveriesValidator : AbstractValidator<ListDeliveriesQuery>
{
    /// <summary>The statuses by their names on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, DeliveryStatus> Statuses =
        Enum.GetValues<DeliveryStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public ListDeliveriesValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Statuses.ContainsKey(s))
            .WithMessage($"'status' must be one of {string.Join(", ", Statuses.Keys)}.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || DeliveryCursor.TryDecode(c, out _)).WithMessage("'cursor' is not a valid cursor.");
    }
}

public sealed class ListDeliveriesHandler(IWebhookStore webhooks) : IQueryHandler<ListDeliveriesQuery, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await webhooks.ExistsAsync(query.WebhookId, cancellationToken))
        {
            throw WebhookErrors.NotFound(query.WebhookId);
        }

        Guid? before = DeliveryCursor.TryDecode(query.Cursor, out var last) ? last : null;
        var limit = query.Limit ?? Paging.DefaultLimit;
        DeliveryStatus? status = query.Status is null ? null : ListDeliveriesValidator.Statuses[query.Status];
        var rows = await webhooks.ListDeliveriesAsync(query.WebhookId, status, before, limit + 1, cancellationToken);
        return Paging.ToPage(rows, limit, last => DeliveryCursor.Encode(last.Id));
    }
}

/// <summary>The cursor of the deliveries list: the id of the last delivery shown, opaque.</summary>
public static class DeliveryCursor
{
    public static string Encode(Guid last) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("d:" + last.ToString("N")));

    public static bool TryDecode(string? cursor, out Guid last)
    {
        last = Guid.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > Paging.MaxCursorLength)
        {
            return false;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("d:", StringComparison.Ordinal)
                && Guid.TryParseExact(text.AsSpan(2), "N", out last);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
