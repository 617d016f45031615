namespace Slots.Application.Slots.ImportSlots;

/// <summary>
/// The migration import: a <c>mongoexport</c> dump of the old ConsultingSlots collection becomes slots with their
/// bookings. Each specialist's documents are checked together, under that specialist's schedule lock when applying (the
/// lock every create takes), against the slots already there and against each other: the first in the file wins an
/// overlap. A document whose <c>_id</c> was imported before is left alone, so a second run changes nothing. An import
/// writes no events: the slots it brings are the old system's state, not changes that happened here, and 100,000
/// <c>slots.slot.created</c> webhooks would tell the subscribers nothing they can act on.
/// </summary>
public interface ISlotImport
{
    /// <summary>
    /// Reads <paramref name="dump"/>, as a stream (it is never held whole), and reports what it imports (with <paramref name="apply"/>; otherwise what it would)
    /// and every document it refuses, by line and reason. The slots belong to their specialist at <paramref name="issuer"/>.
    /// </summary>
    /// <exception cref="ImportFileException">The file cannot be read as a dump at all.</exception>
    Task<ImportReport> RunAsync(
        Stream dump, string issuer, bool apply, IProgress<ImportProgress>? progress, CancellationToken cancellationToken);
}
