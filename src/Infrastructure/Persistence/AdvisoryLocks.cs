namespace Slots.Infrastructure.Persistence;

/// <summary>
/// The service's advisory locks, each the SQL call that takes it (<c>pg_advisory_xact_lock</c>: held until the
/// transaction ends) for a key written as SQL, a parameter or an expression. Every statement that takes one builds it
/// here, so the import and a create can never drift apart on the schedule's key. A hash collision within a space only
/// makes two commands queue behind each other, never a wrong answer.
/// </summary>
internal static class AdvisoryLocks
{
    /// <summary>A specialist's schedule, keyed by the (normalized) email.</summary>
    public static string Schedule(string specialistEmail) => Take(AdvisoryLockSpace.Schedule, specialistEmail);

    /// <summary>A customer, keyed by their id.</summary>
    public static string Customer(string customerId) => Take(AdvisoryLockSpace.Customer, $"'customer:' || {customerId}");

    /// <summary>An idempotency key, within the caller's scope and the operation.</summary>
    public static string Idempotency(string scope, string operation, string key) =>
        Take(AdvisoryLockSpace.Idempotency, $"'idempotency:' || {scope} || '|' || {operation} || '|' || {key}");

    /// <summary>The Data Protection key ring (<see cref="Webhooks.SecretSealer"/>).</summary>
    public static readonly string KeyRing = Take(AdvisoryLockSpace.KeyRing, "'key-ring'");

    private static string Take(AdvisoryLockSpace space, string key) => $"pg_advisory_xact_lock(hashtextextended({key}, {(int)space}))";
}
