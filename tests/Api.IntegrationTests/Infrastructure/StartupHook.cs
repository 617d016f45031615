using System.Diagnostics;
using System.Text.RegularExpressions;

#pragma warning disable CA1050 // The runtime looks for a type of this name outside any namespace.

/// <summary>
/// A fault for one test, loaded into an API process by <c>DOTNET_STARTUP_HOOKS</c> (<see cref="Slots.Api.IntegrationTests.BookingGroupCrashTests"/>),
/// nothing in the service itself: with <see cref="Switch"/> set, the process kills itself (SIGKILL) the moment EF has read
/// the last result of a batch that committed two or more bookings (a booking group's), before any member is answered.
/// It watches EF's diagnostic events, so the API runs unchanged.
/// </summary>
internal static partial class StartupHook
{
    public const string Switch = "SLOTS_TEST_KILL_AFTER_GROUP_COMMIT";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(Switch) == "1")
        {
            DiagnosticListener.AllListeners.Subscribe(new Listeners());
        }
    }

    [GeneratedRegex(@"INSERT INTO bookings\b", RegexOptions.IgnoreCase)]
    private static partial Regex BookingInsert();

    private sealed class Listeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore")
            {
                listener.Subscribe(new Events());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class Events : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "Microsoft.EntityFrameworkCore.Database.Command.DataReaderDisposing"
                && value.Value?.GetType().GetProperty("Command")?.GetValue(value.Value) is System.Data.Common.DbCommand command
                && command.CommandText.Contains("COMMIT;", StringComparison.Ordinal)
                && BookingInsert().Count(command.CommandText) >= 2)
            {
                Process.GetCurrentProcess().Kill();
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
