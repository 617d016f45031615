namespace Slots.Application.Common;

/// <summary>
/// Tells "the database cannot be reached right now" apart from a bug, for any exception the database's driver raises,
/// so that the API answers 503 <c>database_unavailable</c> and not 500 wherever the failure surfaces.
/// </summary>
public interface IDatabaseFailures
{
    bool IsUnavailable(Exception exception);
}
