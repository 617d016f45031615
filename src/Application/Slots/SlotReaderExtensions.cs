using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

public static class SlotReaderExtensions
{
    /// <summary>
    /// What <paramref name="projection"/> reads of the one slot <paramref name="slot"/> names (a list of its bookings, its
    /// line); 404 <c>slot_not_found</c> when there is no such slot the caller may see, so an empty list is a slot's own.
    /// The slot is looked for only when the list comes back empty.
    /// </summary>
    public static async Task<List<TResult>> ListOfSlotAsync<TResult>(
        this ISlotReader reader, Guid slotId, ISpecification<Slot> slot, Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = await reader.ListAsync(slot, projection, cancellationToken);
        if (rows.Count == 0 && (await reader.ListAsync(slot, q => q.Select(s => s.Id), cancellationToken)).Count == 0)
        {
            throw SlotErrors.NotFound(slotId);
        }

        return rows;
    }
}
