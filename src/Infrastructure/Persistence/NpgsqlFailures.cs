using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>The API's view of <see cref="DatabaseFailures"/>.</summary>
internal sealed class NpgsqlFailures : IDatabaseFailures
{
    public bool IsUnavailable(Exception exception) => DatabaseFailures.IsUnavailable(exception);
}
