using System.Text.Json;

namespace Slots.Api.Events;

/// <summary>One event of the feed as the document describes it: a structured CloudEvent 1.0.</summary>
/// <param name="Specversion">Always <c>1.0</c>.</param>
/// <param name="Id">The event's id: receivers de-duplicate on it.</param>
/// <param name="Source">Always <c>urn:consulting-slots</c>.</param>
/// <param name="Type">What happened.</param>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="Subject">The slot's id.</param>
/// <param name="Datacontenttype">Always <c>application/json</c>.</param>
/// <param name="Position">Its place in the feed: pass it as <c>after</c> to read on.</param>
/// <param name="Data">
/// For slot events <c>{slot, movedFrom}</c> (the specialist's view, with its <c>version</c>; <c>movedFrom</c> the
/// <c>startsAt</c> and <c>endsAt</c> before a change of times, else null); for booking events <c>{booking, slot}</c>.
/// </param>
public sealed record CloudEventDocument(
    string Specversion, Guid Id, string Source, string Type, DateTime Time, Guid Subject, string Datacontenttype, string Position,
    JsonElement Data);
