using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace Slots.Application.Events;

/// <summary>
/// An outbox event as a structured CloudEvent 1.0 in JSON, through the CloudEvents SDK: the feed sends arrays of them,
/// a webhook one per request.
/// </summary>
public static class CloudEventJson
{
    /// <summary>The CloudEvents <c>source</c> of every event this service writes.</summary>
    public static readonly Uri Source = new("urn:consulting-slots", UriKind.Absolute);

    /// <summary>The extension attribute that carries the event's place in the feed.</summary>
    public static readonly CloudEventAttribute Position = CloudEventAttribute.CreateExtension("position", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>One event, as a webhook's body.</summary>
    public static ReadOnlyMemory<byte> Encode(FeedEvent e) => Formatter.EncodeStructuredModeMessage(ToCloudEvent(e), out _);

    /// <summary>Events as a JSON array, as the feed's body.</summary>
    public static ReadOnlyMemory<byte> EncodeBatch(IEnumerable<FeedEvent> events) =>
        Formatter.EncodeBatchModeMessage(events.Select(ToCloudEvent), out _);

    private static CloudEvent ToCloudEvent(FeedEvent e)
    {
        using var data = JsonDocument.Parse(e.Data);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Position])
        {
            Id = e.Id.ToString(),
            Source = Source,
            Type = e.Type,
            Time = new DateTimeOffset(e.Time, TimeSpan.Zero),
            Subject = e.Subject.ToString(),
            DataContentType = "application/json",
            Data = data.RootElement.Clone(),
        };
        cloudEvent[Position] = e.Position.ToString();
        return cloudEvent;
    }
}
