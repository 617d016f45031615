namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>Waiting for what a test's real parts (a receiver, a mail server) have received.</summary>
public static class Polling
{
    /// <summary>
    /// Reads <paramref name="read"/> every 50 ms until <paramref name="done"/> holds for it, and returns it; after
    /// <paramref name="patience"/>, a <see cref="TimeoutException"/> saying what was awaited and what there was.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<T> read, Func<T, bool> done, TimeSpan patience, Func<T, string> what)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var seen = read();
            if (done(seen))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience.TotalSeconds} s for {what(seen)}.");
            }

            await Task.Delay(50);
        }
    }
}
