using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>The ownership criterion the read specifications share; <see cref="Slot.IsOwnedBy"/> is its in-memory twin.</summary>
public static class SlotOwnership
{
    /// <summary>Only slots <paramref name="owner"/> (issuer, subject) owns; every slot when it is null (an admin).</summary>
    public static ISpecificationBuilder<Slot> OwnedBy(this ISpecificationBuilder<Slot> query, (string Issuer, string Subject)? owner) =>
        owner is var (issuer, subject) ? query.Where(s => s.SpecialistIssuer == issuer && s.SpecialistId == subject) : query;
}
