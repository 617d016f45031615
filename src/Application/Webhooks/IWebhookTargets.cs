namespace Slots.Application.Webhooks;

/// <summary>
/// Whether a webhook target may be called: the scheme, and every address its host resolves to. The dispatcher asks
/// again on every connection, so a name that later resolves elsewhere is caught when it is sent to.
/// </summary>
public interface IWebhookTargets
{
    /// <summary>Why <paramref name="url"/> may not be called, or null when it may.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
