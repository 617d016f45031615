using System.Collections.Concurrent;
using System.Net;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API's host resolver in the tests: names a test sets resolve as it says, each in turn (the first answer, then the
/// next, and the last one from then on), the others through DNS. A name can so point at a loopback receiver when a webhook
/// is registered and at a metadata address when it is sent to.
/// </summary>
public sealed class TestHostNames
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string host, params IPAddress[][] answers) => _answers[host] = new ConcurrentQueue<IPAddress[]>(answers);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (!_answers.TryGetValue(host, out var answers))
        {
            return Dns.GetHostAddressesAsync(host, cancellationToken);
        }

        lock (answers)
        {
            var answer = answers.Count > 1 && answers.TryDequeue(out var first) ? first : answers.First();
            return Task.FromResult(answer);
        }
    }
}
