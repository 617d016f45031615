namespace Slots.Application.Common.Security;

/// <summary>
/// The rate limit on slots written in bulk. A request is one token of its endpoint's per-request limit whatever it
/// touches; a series also costs one token per slot it makes, changes or deletes, from a per-user budget of slots, so
/// that one request cannot write hundreds of rows at the price of one. Admins (internal services) are not limited.
/// </summary>
public interface IBulkWriteBudget
{
    /// <summary>Takes <paramref name="slots"/> from the caller's budget, or refuses the command (429, nothing written).</summary>
    void Spend(int slots);
}
