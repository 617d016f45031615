using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence.Configurations;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// The database backs the aggregate up. When one of its constraints fires, the caller gets the same
/// domain error the aggregate would have raised, never a raw database error.
/// </summary>
internal static class ConstraintViolations
{
    public static DomainException? Translate(DbUpdateException exception) =>
        exception.InnerException is PostgresException pg
            ? (pg.SqlState, pg.ConstraintName) switch
            {
                (PostgresErrorCodes.ExclusionViolation, SlotConfiguration.NoOverlapConstraint) => SlotErrors.Overlaps(),
                (PostgresErrorCodes.CheckViolation, SlotConfiguration.BookedCountConstraint) => SlotErrors.FullyBooked(),
                (PostgresErrorCodes.UniqueViolation, BookingConfiguration.LiveCustomerIndex) => SlotErrors.AlreadyBooked(),
                (PostgresErrorCodes.UniqueViolation, WaitlistEntryConfiguration.WaitingCustomerIndex) => SlotErrors.AlreadyWaiting(),
                (PostgresErrorCodes.UniqueViolation, SeatHoldConfiguration.LiveCustomerIndex) => SlotErrors.AlreadyHolding(),
                _ => null,
            }
            : null;
}
