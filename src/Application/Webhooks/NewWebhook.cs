namespace Slots.Application.Webhooks;

public sealed record NewWebhook(Guid Id, Uri Url, IReadOnlyList<string>? Types, string? Description, string Secret, DateTime CreatedAt);
