using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Slots.Client;

/// <summary>
/// The typed client over an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is the API's
/// (<c>https://slots.example.com</c>): each request carries the bearer token <c>getToken</c> gives (a service's, from
/// its identity provider; none for the anonymous routes). Everything else is Kiota's, generated from the document:
/// <c>client.Api.ConsultingSlots[slotId].Book.PostAsync(...)</c>, and each problem the API answers is thrown as its
/// typed exception (<c>ConflictProblem</c> with its <c>Code</c>, ...).
/// </summary>
public static class SlotsClient
{
    public static SlotsApiClient Create(HttpClient http, Func<CancellationToken, Task<string?>>? getToken = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        // The adapter takes its base URL from the client's BaseAddress.
        var authentication = new BaseBearerTokenAuthenticationProvider(new Tokens(getToken, http.BaseAddress));
        return new SlotsApiClient(new HttpClientRequestAdapter(authentication, httpClient: http));
    }

    /// <summary>The caller's token, only ever sent to the API's own host.</summary>
    private sealed class Tokens(Func<CancellationToken, Task<string?>>? getToken, Uri? api) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new(api is null ? [] : [api.Host]);

        public async Task<string> GetAuthorizationTokenAsync(
            Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            getToken is not null && AllowedHostsValidator.IsUrlHostValid(uri) ? await getToken(cancellationToken) ?? string.Empty : string.Empty;
    }
}
